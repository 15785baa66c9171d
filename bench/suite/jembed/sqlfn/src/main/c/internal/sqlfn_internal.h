/* Not exported: the function user C registers with SQLite, implemented in Java (jembed peer) or in C
 * (the C peer, ../../../../../sqlite/digit_sum.c). */
#ifndef SQLFN_INTERNAL_H
#define SQLFN_INTERNAL_H
#include <stdint.h>

/* The sum of the decimal digits in s (other characters count 0). */
int64_t digit_sum(const char *s);
#endif
