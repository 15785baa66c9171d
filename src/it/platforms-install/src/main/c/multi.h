#ifndef MULTI_H
#define MULTI_H
/* Fixed-width types only: the same Java on every platform of the build (a long would be 4 bytes on Windows). */
#include <stdint.h>

typedef struct { int32_t x, y; } point_t;

int32_t add_point(const point_t *p);
int64_t widen(int32_t v);

#endif
