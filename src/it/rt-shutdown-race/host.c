/* Library A is started (it creates the JVM); thread T starts library B, whose init code takes 1.5 s; meanwhile A's
 * shutdown function runs. B joined the JVM before its init code, so it counts as using it: A's shutdown must not
 * destroy the JVM under B, and T's call must complete. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include "race_a.h"
#include "race_b.h"

static int b_result = -1;

static void *start_b(void *arg) {
    (void)arg;
    b_result = b_ping();
    return NULL;
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("a_ping() = %d\n", a_ping());
    pthread_t t;
    pthread_create(&t, NULL, start_b, NULL);
    usleep(300 * 1000); /* B's init code is running now */
    printf("race_a_shutdown() = %d\n", race_a_shutdown());
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 20;
    if (pthread_timedjoin_np(t, NULL, &deadline) != 0) {
        printf("b_ping() on thread T: still waiting after 20 s\n");
        fflush(stdout);
        _exit(1);
    }
    printf("b_ping() on thread T = %d\n", b_result);
    printf("b_ping() again = %d\n", b_ping());
    printf("a_ping() after the shutdown = %d\n", a_ping());
    return 0;
}
