#ifndef UNLOADABLE_H
#define UNLOADABLE_H
#include <stdint.h>
int64_t twice(int64_t v);
#endif
