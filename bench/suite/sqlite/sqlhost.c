/* The SQLite host workload: dlopens a library exporting int sqlfn_register(sqlite3 *), registers f, and times
 *   WITH RECURSIVE c(i) AS (...) SELECT sum(f(i)) FROM c     over ROWS rows (1..ROWS)
 * from prepare to the last step (a lazily started library starts inside). Prints "name value" lines: the
 * query's wall time and process CPU time (all threads), and this process's peak RSS (VmHWM). Usage: sqlhost LIB ROWS */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>

static double cpu_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double mono_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Peak RSS of this process in kB: VmHWM of /proc/self/status, or -1. (Not getrusage's ru_maxrss, which keeps the
 * parent's peak across fork and exec, e.g. a Python parent's 13 MB.) */
static long peak_rss_kb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    if (f == NULL) return -1;
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "VmHWM:", 6) == 0) kb = atol(line + 6);
    }
    fclose(f);
    return kb;
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
    double c0 = cpu_s();
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
    double c1 = cpu_s();

    long long expect = 0;
    for (long i = 1; i <= rows; i++) {
        for (long v = i; v > 0; v /= 10) expect += v % 10;
    }
    if (sum != expect) {
        fprintf(stderr, "sqlhost: sum(f(i)) = %lld, expected %lld\n", sum, expect);
        return 4;
    }
    printf("sqlite_query_s %.4f\n", t1 - t0);
    printf("sqlite_query_cpu_s %.4f\n", c1 - c0);
    printf("sqlite_peak_rss_MB %.2f\n", peak_rss_kb() / 1024.0);
    sqlite3_close(db);
    return 0;
}
