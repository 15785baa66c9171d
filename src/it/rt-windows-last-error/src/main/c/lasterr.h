#ifndef LASTERR_H
#define LASTERR_H
#include <stdint.h>
/* 2 * v (the test runs it where no JVM is: it gets its error value, 0). */
int32_t twice(int32_t v);
#endif
