#include "jpge.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(jalloc);
PG_FUNCTION_INFO_V1(jalloc_or_minus1);
PG_FUNCTION_INFO_V1(jraise);
PG_FUNCTION_INFO_V1(jthrow);
PG_FUNCTION_INFO_V1(jadd);
