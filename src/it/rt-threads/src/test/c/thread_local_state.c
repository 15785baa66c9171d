/* A native thread keeps its Java thread (and ThreadLocal values) between calls, and is detached when it exits:
 * 10,000 short-lived threads making one call each leave no extra live Java threads and a bounded RSS. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include "rt_threads.h"

#define SHORT_LIVED 10000
#define BATCH 8

static long rss_kib(void) {
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL) return -1;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = -1;
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static void *three_calls(void *arg) {
    int *out = arg;
    for (int i = 0; i < 3; i++) out[i] = tl_next();
    return NULL;
}

static void *one_call(void *arg) {
    (void)arg;
    return (void *)(long)add(20, 22);
}

static int run_short_lived(int count) {
    int wrong = 0;
    for (int done = 0; done < count; done += BATCH) {
        pthread_t t[BATCH];
        for (int i = 0; i < BATCH; i++) pthread_create(&t[i], NULL, one_call, NULL);
        for (int i = 0; i < BATCH; i++) {
            void *r;
            pthread_join(t[i], &r);
            wrong += (long)r != 42;
        }
    }
    return wrong;
}

int main(void) {
    int a[3], b[3];
    pthread_t t;
    pthread_create(&t, NULL, three_calls, a);
    pthread_join(t, NULL);
    pthread_create(&t, NULL, three_calls, b);
    pthread_join(t, NULL);
    printf("thread A saw %d %d %d, thread B saw %d %d %d\n", a[0], a[1], a[2], b[0], b[1], b[2]);

    int wrong = run_short_lived(1000); /* warm up: JIT, thread stacks, malloc arenas */
    int before = live_java_threads();
    long rss_before = rss_kib();
    wrong += run_short_lived(SHORT_LIVED);
    int after = live_java_threads();
    long rss_after = rss_kib();
    fprintf(stderr, "live Java threads %d -> %d; RSS %ld KiB -> %ld KiB\n", before, after, rss_before, rss_after);
    printf("%d short-lived threads: wrong results %d, no extra live Java threads: %s, RSS growth under 16 MiB: %s\n",
           SHORT_LIVED, wrong, after <= before ? "yes" : "no", rss_after - rss_before < 16 * 1024 ? "yes" : "no");
    return 0;
}
