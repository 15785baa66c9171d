/*
 * The host's non-local exits (issue 17): each thread's pending exit, which Java records (org.jembed.runtime.HostError,
 * HostException) and the glue performs once the Java frames have returned, never across them. The functions are
 * defined in the library's <name>_host.c, with the host's guard (jembed_guard_<host>.h or the project's own), and are
 * the first entries of the symbol table Java reads.
 */
#ifndef JEMBED_NONLOCAL_H
#define JEMBED_NONLOCAL_H
#include <stdint.h>
#include "jembed_platform.h"

/* What a thread has pending. */
enum {
    JEMBED_NONLOCAL_NONE = 0,
    JEMBED_NONLOCAL_RAISE,     /* raise the host's error with the message (JEMBED_GUARD_RAISE) */
    JEMBED_NONLOCAL_DEFERRED,  /* call a host function that does not return (lua_error), with the slots */
    JEMBED_NONLOCAL_CAUGHT,    /* a protected host call raised: the host's error is kept, Java may handle it */
    JEMBED_NONLOCAL_ARMED      /* that error left the exported Java method: re-raise it (JEMBED_GUARD_RERAISE) */
};

/* Records a raise of the host's error with message: 0, or -1 when the library has no guard. */
JEMBED_HIDDEN int jembed_nonlocal_raise(const char *message);
/* Records a call of thunk(slots) for the glue: a host function that leaves by a non-local exit. */
JEMBED_HIDDEN void jembed_nonlocal_defer(void (*thunk)(const int64_t *slots), int64_t a0, int64_t a1, int64_t a2,
                                         int64_t a3, int64_t a4, int64_t a5);
/* After a protected call: the host's message when it raised (once), else NULL. */
JEMBED_HIDDEN const char *jembed_nonlocal_caught(void);
/* The kept error left the exported Java method: the glue re-raises it. */
JEMBED_HIDDEN void jembed_nonlocal_arm(void);
/* 1 when a raise, a deferred call or a re-raise is pending on this thread. */
JEMBED_HIDDEN int jembed_nonlocal_pending(void);
/* The glue, when the Java call failed: performs what is pending (does not return then), else discards a kept error
 * Java handled and returns. context is the exported function's first argument (lua_State *L), or NULL. */
JEMBED_HIDDEN void jembed_nonlocal_perform(void *context);
#endif
