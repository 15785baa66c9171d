/* The plugin's API: only its entry points; everything else is the host's header. */
#ifndef PLUGIN_H
#define PLUGIN_H
#include "hostlib/hostlib.h"

#ifndef JEMBED_EXPORT
#define JEMBED_EXPORT extern
#endif

/* reads r, marks it dirty, sets mode and the values; returns the sum of the values */
JEMBED_EXPORT int64_t plugin_handle(host_request *r);
/* makes a request through the host's API from Java and returns whether the host sees it ready */
JEMBED_EXPORT int plugin_round_trip(int32_t mode);
#endif
