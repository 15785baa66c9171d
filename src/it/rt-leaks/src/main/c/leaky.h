#ifndef LEAKY_H
#define LEAKY_H
typedef struct { int x, y; } point_t;
int sum_point(point_t *p);
/* Code points in s; -1 for NULL. */
int utf8_length(const char *s);
/* Returns x; throws for x < 0 (the error value is 0). */
int fail_if_negative(int x);
#endif
