/* The "Java calls C" benchmark driver: per figure, one call into the library, whose Java side makes and times n
 * calls of a C function; next to it, the same calls made from C through a function pointer (the floor). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "downcall.h"

static int32_t c_inc(int32_t x) { return x + 1; }

/* picoseconds per call of inc through a pointer the compiler cannot see through */
static int64_t c_calls_c(int64_t n) {
    int32_t (*volatile f)(int32_t) = c_inc;
    int32_t x = 0;
    for (int64_t i = 0; i < n; i++) {
        x = f(x);
    }
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    x = 0;
    for (int64_t i = 0; i < n; i++) {
        x = f(x);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (x != (int32_t)n) {
        abort();
    }
    return ((b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec)) * 1000 / n;
}

int main(int argc, char **argv) {
    int64_t n = argc > 1 ? atoll(argv[1]) : 50000000;
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    for (int r = 0; r < rounds; r++) {
        /* interleaved: one figure of each per round */
        printf("c_function_pointer %lld\n", (long long)c_calls_c(n));
        printf("jembed_downcall %lld\n", (long long)java_calls_c(0, n));
        printf("ffm_static_final_handle %lld\n", (long long)java_calls_c(1, n));
        printf("jembed_downcall_through_variable %lld\n", (long long)java_calls_c(2, n));
        fflush(stdout);
    }
    return 0;
}
