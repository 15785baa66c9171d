/* A cross-library init cycle: thread 1 starts A, whose init code calls B; thread 2 starts B at the same time, whose
 * init code calls A. Whatever jembed does about it (documented on the site), the host must not hang: both calls
 * return within 10 s, each with its value (1) or its error value (0). */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include "cyc_a.h"
#include "cyc_b.h"

static pthread_barrier_t barrier;
static int a_result = -1, b_result = -1;

static void *start_a(void *arg) {
    (void)arg;
    pthread_barrier_wait(&barrier);
    a_result = a_value();
    return NULL;
}

static void *start_b(void *arg) {
    (void)arg;
    pthread_barrier_wait(&barrier);
    b_result = b_value();
    return NULL;
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    pthread_barrier_init(&barrier, NULL, 2);
    pthread_t a, b;
    pthread_create(&a, NULL, start_a, NULL);
    pthread_create(&b, NULL, start_b, NULL);
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 10;
    int a_done = pthread_timedjoin_np(a, NULL, &deadline) == 0;
    int b_done = pthread_timedjoin_np(b, NULL, &deadline) == 0;
    fprintf(stderr, "a_value() %s %d, b_value() %s %d\n", a_done ? "returned" : "still running:", a_result,
            b_done ? "returned" : "still running:", b_result);
    printf("both first calls returned within 10 s: %s\n", a_done && b_done ? "yes" : "no");
    printf("each returned 1 or its error value 0: %s\n",
           (a_result == 0 || a_result == 1) && (b_result == 0 || b_result == 1) ? "yes" : "no");
    fflush(stdout);
    _exit(0);
}
