/* User C compiled into libuserc.so (jembed.h is force-included: JEMBED_EXPORT, JEMBED_START). */
#include "userc.h"
#include "internal/internal.h"

int32_t call_count = 0;
double ratio = 0.5;
point_t origin = { 3, 4 };
int32_t history[4] = { 0, 0, 0, 0 };
const char *label = "user C";
const int32_t limit = 1000;
int32_t internal_calls = 0;

int32_t c_triple(int32_t x) {
    internal_calls++;
    return 3 * j_add_one(x);
}

/* Exported by user C itself: starts the runtime through the hidden start function jembed.h declares. */
JEMBED_EXPORT int userc_early_start(void);
int userc_early_start(void) {
    return JEMBED_START();
}
