#ifndef SMALL_STACKS_H
#define SMALL_STACKS_H
#include <stdint.h>
int64_t twice(int64_t v);
#endif
