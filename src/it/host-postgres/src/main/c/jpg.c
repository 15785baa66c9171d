/* What PostgreSQL looks up in the library, written by its own macros: the magic block and each function's info. */
#include "jpg.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(jadd);
PG_FUNCTION_INFO_V1(jdigitsum);
PG_FUNCTION_INFO_V1(jupper);
