#ifndef PERF_SWAP_H
#define PERF_SWAP_H
#include <stdint.h>
typedef struct { int32_t x, y; } point_t;
int32_t add(int32_t a, int32_t b);
int32_t sum_point(point_t *p);
/* Returns -1 when asked to divide by zero (the Java side throws). */
int32_t divide(int32_t a, int32_t b);
/* Calls restricted FFM methods from user Java: returns n + 1. */
int32_t restricted(int32_t n);
#endif
