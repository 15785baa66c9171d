#ifndef THROWER_H
#define THROWER_H
#include <stdint.h>
/* Returns 1000 / x; x == 0 throws ArithmeticException in Java. */
int32_t divide(int32_t x);
/* Returns p, or throws for NULL. */
void *echo(void *p);
#endif
