/* PostgreSQL 15 functions in Java, the benchmark's twins of ../../c/jpg_c.c. */
#ifndef JPG_JAVA_H
#define JPG_JAVA_H
#include "postgres.h"
#include "fmgr.h"

/* jdigitsum(text) returns int8 */
Datum jdigitsum(PG_FUNCTION_ARGS);
/* jadd(int4, int4) returns int4 */
Datum jadd(PG_FUNCTION_ARGS);
#endif
