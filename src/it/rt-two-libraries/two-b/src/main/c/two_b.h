#ifndef TWO_B_H
#define TWO_B_H
#include <stdint.h>
int b_value(void);
int b_counter(void);
int64_t b_loader_id(void);
/* 1 when this JVM has the system property A's init code set: both libraries share one JVM. */
int b_sees_a(void);
#endif
