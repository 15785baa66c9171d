#ifndef POSIX_ONLY_H
#define POSIX_ONLY_H
#include <stdint.h>

int32_t page_size(void);

#endif
