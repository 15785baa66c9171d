/*
 * jembed's guard for PostgreSQL (<hostGuard>postgresql</hostGuard>): how a backend raises and catches its errors
 * (elog.h: PG_TRY / PG_CATCH, CopyErrorData, ReThrowError). Included by the library's host file after postgres.h.
 * A protected call runs inside PG_TRY in the caller's memory context; a caught error is copied out of ErrorContext,
 * the error state flushed, and the copy kept until Java handles it or the glue re-throws it.
 */
#ifndef JEMBED_GUARD_POSTGRESQL_H
#define JEMBED_GUARD_POSTGRESQL_H
#include "postgres.h"
#include "utils/elog.h"
#include "utils/memutils.h"

#define JEMBED_GUARD_TRY \
    { MemoryContext jembed_guard_cx = CurrentMemoryContext; PG_TRY(); {
#define JEMBED_GUARD_CATCH(save) \
    } PG_CATCH(); { MemoryContextSwitchTo(jembed_guard_cx); ErrorData *jembed_guard_e = CopyErrorData(); \
    FlushErrorState(); save(NULL, jembed_guard_e, jembed_guard_e->message); } PG_END_TRY(); }
#define JEMBED_GUARD_RERAISE(context, data) ReThrowError((ErrorData *)(data))
#define JEMBED_GUARD_DISCARD(context, data) FreeErrorData((ErrorData *)(data))
#define JEMBED_GUARD_RAISE(context, message) ereport(ERROR, (errmsg("%s", (message))))
#endif
