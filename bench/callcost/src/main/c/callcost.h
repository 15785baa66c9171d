#ifndef CALLCOST_H
#define CALLCOST_H
#include <stdint.h>
typedef struct { int x, y; } point_t;
void noop(void);
int32_t add(int32_t a, int32_t b);
int sum_point(point_t *p);
#endif
