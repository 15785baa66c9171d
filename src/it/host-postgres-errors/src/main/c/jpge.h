/* PostgreSQL functions whose Java side raises errors. */
#ifndef JPGE_H
#define JPGE_H
#include "postgres.h"
#include "fmgr.h"

/* jalloc(int8) returns int8: palloc's the size and returns it; too large is palloc's ERROR */
Datum jalloc(PG_FUNCTION_ARGS);
/* jalloc_or_minus1(int8) returns int8: the same, Java handles the ERROR and returns -1 */
Datum jalloc_or_minus1(PG_FUNCTION_ARGS);
/* jraise(int4) returns int4: raises ERROR "jraise <n>" from Java */
Datum jraise(PG_FUNCTION_ARGS);
/* jthrow(int4) returns int4: throws a Java exception */
Datum jthrow(PG_FUNCTION_ARGS);
/* jadd(int4, int4) returns int4 */
Datum jadd(PG_FUNCTION_ARGS);
#endif
