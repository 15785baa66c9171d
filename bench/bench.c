/* Call cost and first-call latency of a jembed library, side by side with a plain C call.
 * Prints one line per figure; run.sh runs it several times in fresh processes and prints medians. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
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

static long per_thread;

static void *hammer(void *arg) {
    int32_t acc = 0;
    for (long i = 0; i < per_thread; i++) acc += add((int32_t)i, 1);
    *(int32_t *)arg = acc;
    return NULL;
}

/* Total calls per second (millions) with `threads` threads each making per_thread calls. */
static double throughput(int threads) {
    pthread_t t[8];
    int32_t acc[8];
    double a = now_ns();
    for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, hammer, &acc[i]);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    double b = now_ns();
    return threads * per_thread / ((b - a) / 1e9) / 1e6;
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

    per_thread = n / 2;
    throughput(1); /* warm up the new threads' attach path */
    printf("throughput_1_thread_Mcalls_s %.2f\n", throughput(1));
    printf("throughput_2_threads_Mcalls_s %.2f\n", throughput(2));
    return acc == 42 ? 2 : 0; /* keep acc alive */
}
