/* User C of the SQLite workload, shared by both peers: registers the scalar SQL function f(x), which passes x
 * as text to digit_sum (Java in libsqlfn_jembed.so, C in libsqlfn_c.so). */
#include <stddef.h>
#include <sqlite3.h>
#include "internal/sqlfn_internal.h"

static void f(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    const unsigned char *s = sqlite3_value_text(argv[0]);
    if (s == NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_int64(ctx, digit_sum((const char *)s));
}

/* Registers f on db; returns an SQLite result code. */
JEMBED_EXPORT int sqlfn_register(sqlite3 *db);

int sqlfn_register(sqlite3 *db) {
    return sqlite3_create_function(db, "f", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, f, NULL, NULL);
}
