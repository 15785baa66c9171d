#ifndef JEMBED_SQLITE_H
#define JEMBED_SQLITE_H
#include <sqlite3ext.h>

#ifndef JEMBED_EXPORT
#define JEMBED_EXPORT extern
#endif

/* a scalar SQL function, as sqlite3_create_function takes it */
typedef void (*sql_function_t)(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* the entry point the sqlite3 shell's .load calls */
JEMBED_EXPORT int sqlite3_extension_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

#endif
