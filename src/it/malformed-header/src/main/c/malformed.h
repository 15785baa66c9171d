#ifndef MALFORMED_H
#define MALFORMED_H
typedef struct { int x, y; } point_t;
int ok(point_t *p);
int broken(foo_t value);
int also_broken(int a int b);
#endif
