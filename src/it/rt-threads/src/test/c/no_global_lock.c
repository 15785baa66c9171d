/* Two threads are inside Java at the same time: each waits in rendezvous() for the other. With a global lock
 * around calls, the second could never enter and both would time out. */
#include <pthread.h>
#include <stdio.h>
#include "rt_threads.h"

static int met[2];

static void *meet(void *arg) {
    met[(long)arg] = rendezvous(10000);
    return NULL;
}

int main(void) {
    add(0, 0); /* start first, so the rendezvous measures calls, not start-up */
    pthread_t a, b;
    pthread_create(&a, NULL, meet, (void *)0L);
    pthread_create(&b, NULL, meet, (void *)1L);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("both threads were inside Java at once: %s\n", met[0] && met[1] ? "yes" : "no");
    return met[0] && met[1] ? 0 : 1;
}
