/* PostgreSQL 15 functions in C: cdigitsum(text) returns int8 and cadd(int4, int4) returns int4, the baseline of the
 * Java functions ../postgres/ (jdigitsum, jadd). */
#include "postgres.h"
#include "fmgr.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(cdigitsum);
Datum cdigitsum(PG_FUNCTION_ARGS) {
    text *t = PG_GETARG_TEXT_PP(0);
    const char *s = VARDATA_ANY(t);
    int64 sum = 0;
    for (size_t i = 0, n = VARSIZE_ANY_EXHDR(t); i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            sum += s[i] - '0';
        }
    }
    PG_RETURN_INT64(sum);
}

PG_FUNCTION_INFO_V1(cadd);
Datum cadd(PG_FUNCTION_ARGS) {
    PG_RETURN_INT32(PG_GETARG_INT32(0) + PG_GETARG_INT32(1));
}
