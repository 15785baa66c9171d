/* Call cost and first-call latency of a jembed library, side by side with a plain C call.
 * Prints one line per figure; run.sh runs it several times in fresh processes and prints medians. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "callcost.h"

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

__attribute__((noinline)) static int32_t add_c(int32_t a, int32_t b) {
    __asm__ volatile("");
    return a + b;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 20000000L;
    double t0 = now_ns();
    int32_t first = add(1, 2);
    double t1 = now_ns();
    if (first != 3) {
        fprintf(stderr, "add(1, 2) returned %d\n", first);
        return 1;
    }
    printf("first_call_ms %.2f\n", (t1 - t0) / 1e6);

    /* warm up the JIT before timing */
    int32_t acc = 0;
    for (long i = 0; i < 2000000; i++) acc += add((int32_t)i, 1);

    double a = now_ns();
    for (long i = 0; i < n; i++) acc += add_c((int32_t)i, 1);
    double b = now_ns();
    printf("direct_c_ns %.2f\n", (b - a) / n);

    a = now_ns();
    for (long i = 0; i < n; i++) acc += add((int32_t)i, 1);
    b = now_ns();
    printf("jembed_add_ns %.2f\n", (b - a) / n);

    a = now_ns();
    for (long i = 0; i < n; i++) noop();
    b = now_ns();
    printf("jembed_noop_ns %.2f\n", (b - a) / n);

    point_t p = { 3, 4 };
    a = now_ns();
    for (long i = 0; i < n; i++) { p.x = (int)i; acc += sum_point(&p); }
    b = now_ns();
    printf("jembed_struct_ptr_ns %.2f\n", (b - a) / n);
    return acc == 42 ? 2 : 0; /* keep acc alive */
}
