/* Library A created the JVM and registered a Java shutdown hook that takes 1.5 s; thread S calls A's shutdown, which
 * destroys the JVM (the hooks run); meanwhile the main thread makes B's first call. A start that meets a JVM being
 * destroyed must fail cleanly and at once (error value), not hang or crash; S's shutdown completes. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include "race_a.h"
#include "race_b.h"

static int shutdown_result = -2;
static int b_result = -1;
static struct timespec b_started, b_done;

static void *start_b(void *arg) {
    (void)arg;
    clock_gettime(CLOCK_MONOTONIC, &b_started);
    b_result = b_ping();
    clock_gettime(CLOCK_MONOTONIC, &b_done);
    return NULL;
}

static void join_within(pthread_t t, int seconds, const char *what) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += seconds;
    if (pthread_timedjoin_np(t, NULL, &deadline) != 0) {
        printf("%s: still running after %d s\n", what, seconds);
        fflush(stdout);
        _exit(1);
    }
}

static void *shut_a(void *arg) {
    (void)arg;
    shutdown_result = race_a_shutdown();
    return NULL;
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("a_ping() = %d, a_slow_shutdown_hook() = %d\n", a_ping(), a_slow_shutdown_hook());
    pthread_t s;
    pthread_create(&s, NULL, shut_a, NULL);
    usleep(300 * 1000); /* A's shutdown hook is running now */
    pthread_t b;
    pthread_create(&b, NULL, start_b, NULL);
    join_within(b, 10, "b_ping() while the JVM is destroyed");
    double seconds = (double)(b_done.tv_sec - b_started.tv_sec) + (b_done.tv_nsec - b_started.tv_nsec) / 1e9;
    fprintf(stderr, "b_ping() returned %d after %.3f s\n", b_result, seconds);
    printf("b_ping() while the JVM is destroyed = %d, within 1 s: %s\n", b_result, seconds < 1.0 ? "yes" : "no");
    join_within(s, 20, "race_a_shutdown()");
    printf("race_a_shutdown() = %d\n", shutdown_result);
    return 0;
}
