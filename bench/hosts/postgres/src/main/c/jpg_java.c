/* What PostgreSQL looks up in the library: the magic block and each function's info record. */
#include "jpg_java.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(jdigitsum);
PG_FUNCTION_INFO_V1(jadd);
