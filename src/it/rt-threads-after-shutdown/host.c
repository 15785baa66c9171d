/* B starts first (so the JVM lives on after A's shutdown); 50 threads call A and stay idle; A is shut down; the 50
 * threads exit. Their Java threads must be gone: threads are detached whenever the JVM still runs, even when the
 * library that attached them was shut down. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include "ts_a.h"
#include "ts_b.h"

#define THREADS 50

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int called, ok, may_exit;

static void *worker(void *arg) {
    (void)arg;
    int r = a_ping();
    pthread_mutex_lock(&lock);
    called++;
    ok += r == 1;
    pthread_cond_broadcast(&cond);
    while (!may_exit) pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int before = java_threads();
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, NULL);
    pthread_mutex_lock(&lock);
    while (called < THREADS) pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    int during = java_threads();
    printf("a_ping() = 1 on %d of %d threads\n", ok, THREADS);
    printf("ts_a_shutdown() = %d\n", ts_a_shutdown());
    pthread_mutex_lock(&lock);
    may_exit = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    usleep(300 * 1000);
    int after = java_threads();
    fprintf(stderr, "Java threads: %d before, %d with the 50 idle threads, %d after they exited\n", before, during, after);
    printf("the 50 threads showed up as Java threads: %s\n", during - before >= THREADS ? "yes" : "no");
    printf("more than 10 Java threads left behind after they exited: %s\n", after - before > 10 ? "yes" : "no");
    return 0;
}
