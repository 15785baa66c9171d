#ifndef ERRS_H
#define ERRS_H
#include <stdbool.h>
#include <stdint.h>

typedef enum { OK, BAD, WORSE } status_t;
typedef struct { int32_t x, y; } point_t;

/* Each throws in Java when 'fail' is true, else returns a normal value. */
int32_t f_i32(bool fail);            /* error = "-1" */
int64_t f_i64(bool fail);            /* error = "-9223372036854775808" */
uint64_t f_u64(bool fail);           /* error = "0xFFFFFFFFFFFFFFFF" */
uint8_t f_u8(bool fail);             /* error = "255" */
double f_double(bool fail);          /* error = "NaN" */
float f_float(bool fail);            /* error = "-Infinity" */
bool f_bool(bool fail);              /* error = "true" */
status_t f_status(bool fail);        /* error = "WORSE" */
void *f_pointer(bool fail);          /* default: NULL */
int32_t f_default(bool fail);        /* default: 0 */
point_t f_point(bool fail);          /* default: a zeroed struct */

/* With onError handlers. */
int32_t h_i32(int32_t x);            /* throws for x < 0; the handler returns 1000 + the message length */
const char *h_string(const char *s); /* throws for NULL; the handler returns "recovered: <message>" */
point_t h_point(int32_t x);          /* throws; the handler returns { x, -x } from the message */
void h_void(bool fail);              /* the handler counts */
int32_t handled_count(void);
int32_t h_throws(void);              /* error = "-7"; the handler throws too */
#endif
