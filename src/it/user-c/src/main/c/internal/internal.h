/* Not exported: how user C and Java call each other inside the library. */
#ifndef USERC_INTERNAL_H
#define USERC_INTERNAL_H
#include "userc.h"

/* Implemented in user C, called from Java through the generated downcall internal_h.c_triple. */
int32_t c_triple(int32_t x);
/* Implemented in Java (@Export), called from user C (CFFI: extern "Python"). */
int32_t j_add_one(int32_t x);
/* A global that only the library sees. */
extern int32_t internal_calls;
#endif
