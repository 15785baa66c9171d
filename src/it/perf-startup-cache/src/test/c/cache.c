/* Checks that the start-up cache (lib<name>.<hash>.aot) is beside the library, turns the JVM's AOT log on through the
 * library's options variable, and calls Java: the library itself passes the cache to the JVM it creates. The JVM's
 * log (stdout) shows whether it used the cache. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perf_cache.h"

int main(void) {
    Dl_info info;
    if (!dladdr((void *)&add, &info) || info.dli_fname == NULL) {
        fprintf(stderr, "dladdr failed\n");
        return 1;
    }
    char pattern[4096];
    snprintf(pattern, sizeof pattern, "%s", info.dli_fname);
    char *slash = strrchr(pattern, '/');
    snprintf(slash ? slash + 1 : pattern, sizeof pattern - (size_t)(slash ? slash + 1 - pattern : 0),
             "libperf_cache.*.aot");
    glob_t found;
    if (glob(pattern, 0, NULL, &found) != 0 || found.gl_pathc != 1) {
        fprintf(stderr, "expected one start-up cache matching %s\n", pattern);
        return 1;
    }
    char options[4200];
    snprintf(options, sizeof options, "-Xlog:aot=info");
    setenv("PERF_CACHE_JVM_OPTIONS", options, 1);
    printf("cache: %s\n", found.gl_pathv[0]);
    fflush(stdout);
    globfree(&found);
    int32_t r = add(40, 2);
    printf("add(40, 2) = %d\n", (int)r);
    return r == 42 ? 0 : 1;
}
