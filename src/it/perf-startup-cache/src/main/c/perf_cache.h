#ifndef PERF_CACHE_H
#define PERF_CACHE_H
#include <stdint.h>

/* Returns a + b. */
int32_t add(int32_t a, int32_t b);

#endif
