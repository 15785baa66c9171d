#ifndef GREETER_H
#define GREETER_H
#include "greeter_types.h"
#ifndef JEMBED_EXPORT
# define JEMBED_EXPORT extern
#endif
JEMBED_EXPORT int greet_sum(pair_t *p);
#endif
