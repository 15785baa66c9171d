/* The PostgreSQL extension jpg: the SQL functions, each a version-1 C function (PG_FUNCTION_ARGS) implemented in
 * Java. PostgreSQL's server headers, as installed, give the host's API. */
#ifndef JPG_H
#define JPG_H
#include "postgres.h"
#include "fmgr.h"
#include "utils/builtins.h"

/* jadd(int4, int4) returns int4 */
Datum jadd(PG_FUNCTION_ARGS);
/* jdigitsum(text) returns int8: the sum of the decimal digits in the text */
Datum jdigitsum(PG_FUNCTION_ARGS);
/* jupper(text) returns text: the text in upper case (ASCII) */
Datum jupper(PG_FUNCTION_ARGS);
#endif
