#ifndef JUMPY_H
#define JUMPY_H
#include <stdint.h>
#include "host.h"

#ifndef JEMBED_EXPORT
#define JEMBED_EXPORT extern
#endif

/* calls host_fail(code) from Java when code != 0; returns code + 1 */
JEMBED_EXPORT int32_t jumpy_call(int32_t code);
#endif
