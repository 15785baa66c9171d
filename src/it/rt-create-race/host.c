/* Two libraries start at the same moment; A's JVM options (CR_A_JVM_OPTIONS=-Xbogus) make the JVM creation fail.
 * B, which may have lost the creation race to A's failing attempt (JNI_EEXIST), must not wait for a JVM that never
 * comes: it creates the JVM itself (or joins one that exists) and works, at once. A either fails its start or, when
 * B created the JVM first, joins it. CR_B_DELAY_US delays B's start, to move B across A's creation window. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "cr_a.h"
#include "cr_b.h"

static pthread_barrier_t barrier;
static int a_result = -1, b_result = -1;
static struct timespec b_started, b_done;

static void *start_a(void *arg) {
    (void)arg;
    pthread_barrier_wait(&barrier);
    a_result = a_ping();
    return NULL;
}

static void *start_b(void *arg) {
    (void)arg;
    const char *delay = getenv("CR_B_DELAY_US");
    pthread_barrier_wait(&barrier);
    if (delay != NULL) usleep((useconds_t)atoi(delay));
    clock_gettime(CLOCK_MONOTONIC, &b_started);
    b_result = b_ping();
    clock_gettime(CLOCK_MONOTONIC, &b_done);
    return NULL;
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    pthread_barrier_init(&barrier, NULL, 2);
    pthread_t a, b;
    pthread_create(&a, NULL, start_a, NULL);
    pthread_create(&b, NULL, start_b, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    double seconds = (double)(b_done.tv_sec - b_started.tv_sec) + (b_done.tv_nsec - b_started.tv_nsec) / 1e9;
    fprintf(stderr, "a_ping() = %d; b_ping() = %d after %.3f s\n", a_result, b_result, seconds);
    printf("b_ping() = %d\n", b_result);
    printf("a_ping() = 1 (joined B's JVM) or 0 (its own creation failed): %s\n", a_result == 1 || a_result == 0 ? "yes" : "no");
    return 0;
}
