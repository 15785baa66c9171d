#ifndef DETACHED_H
#define DETACHED_H
#include <stdint.h>
int64_t twice(int64_t v);
#endif
