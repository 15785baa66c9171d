/* The SQLite host workload: dlopens a library exporting int sqlfn_register(sqlite3 *), registers f, and times
 *   WITH RECURSIVE c(i) AS (...) SELECT sum(f(i)) FROM c     over ROWS rows (1..ROWS)
 * from prepare to the last step (a lazily started library starts inside). Prints "name value" lines: the
 * query's wall time and this process's peak RSS (getrusage). Usage: sqlhost LIB ROWS */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <sqlite3.h>

static double mono_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s LIB ROWS\n", argv[0]);
        return 2;
    }
    long rows = atol(argv[2]);
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
    if (lib == NULL) {
        fprintf(stderr, "sqlhost: %s\n", dlerror());
        return 3;
    }
    int (*reg)(sqlite3 *) = (int (*)(sqlite3 *))dlsym(lib, "sqlfn_register");
    sqlite3 *db;
    if (reg == NULL || sqlite3_open(":memory:", &db) != SQLITE_OK || reg(db) != SQLITE_OK) {
        fprintf(stderr, "sqlhost: cannot register f\n");
        return 3;
    }
    char sql[256];
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %ld) SELECT sum(f(i)) FROM c",
             rows);
    double t0 = mono_s();
    sqlite3_stmt *st;
    long long sum = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlhost: %s\n", sqlite3_errmsg(db));
        return 3;
    }
    while (sqlite3_step(st) == SQLITE_ROW) sum = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    double t1 = mono_s();

    long long expect = 0;
    for (long i = 1; i <= rows; i++) {
        for (long v = i; v > 0; v /= 10) expect += v % 10;
    }
    if (sum != expect) {
        fprintf(stderr, "sqlhost: sum(f(i)) = %lld, expected %lld\n", sum, expect);
        return 4;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("sqlite_query_s %.4f\n", t1 - t0);
    printf("sqlite_peak_rss_MB %.2f\n", ru.ru_maxrss / 1024.0);
    sqlite3_close(db);
    return 0;
}
