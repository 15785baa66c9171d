/* Starts two jembed libraries at the same moment from two threads. A's init code sleeps 2 s; B must be ready long
 * before that (only JVM creation is serialised), and a third thread calling A meanwhile must wait for A's init. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include "two_a.h"
#include "two_b.h"

static pthread_barrier_t start_line;
static double t0;
static double b_done_ms, a_done_ms, waiter_done_ms;
static int a_first, b_first, waiter_result;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void *start_a(void *arg) {
    (void)arg;
    pthread_barrier_wait(&start_line);
    a_first = a_ready();
    a_done_ms = now_ms() - t0;
    return NULL;
}

static void *start_b(void *arg) {
    (void)arg;
    pthread_barrier_wait(&start_line);
    b_first = b_value();
    b_done_ms = now_ms() - t0;
    return NULL;
}

static void *call_a_during_init(void *arg) {
    (void)arg;
    usleep(500 * 1000);
    waiter_result = a_ready();
    waiter_done_ms = now_ms() - t0;
    return NULL;
}

int main(void) {
    pthread_t a, b, w;
    pthread_barrier_init(&start_line, NULL, 2);
    t0 = now_ms();
    pthread_create(&a, NULL, start_a, NULL);
    pthread_create(&b, NULL, start_b, NULL);
    pthread_create(&w, NULL, call_a_during_init, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(w, NULL);
    fprintf(stderr, "B ready after %.0f ms, A after %.0f ms, the waiting caller of A returned after %.0f ms\n",
            b_done_ms, a_done_ms, waiter_done_ms);
    printf("B's first call: %d, done before A's init finished: %s\n", b_first, b_done_ms < 1500 ? "yes" : "no");
    printf("A's first call saw its init finished: %s\n", a_first ? "yes" : "no");
    printf("a call to A during A's init waited for it: %s\n", waiter_result && waiter_done_ms >= 1900 ? "yes" : "no");
    printf("one JVM: %s\n", b_sees_a() ? "yes" : "no");
    printf("separate class loaders: %s\n", a_loader_id() != b_loader_id() ? "yes" : "no");
    int ca = a_counter(), cb = b_counter();
    printf("separate statics: A %d, B %d\n", ca, cb);
    return 0;
}
