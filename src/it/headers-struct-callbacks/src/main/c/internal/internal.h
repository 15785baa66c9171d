/* Not exported: how user C and Java call each other inside the library. */
#ifndef SC_INTERNAL_H
#define SC_INTERNAL_H
#include "sc.h"

/* Implemented in user C, called from Java (downcalls with structs by value). */
cplx_t c_cmul(cplx_t a, cplx_t b);
big_t c_big(int64_t seed);
/* Implemented in Java (@Export); Java hands its address to C. */
int32_t j_twice(int32_t x);
#endif
