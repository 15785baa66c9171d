/* Native threads attached by the library carry a recognisable name in Java (traces, thread dumps):
 * jembed-<library>-<Linux thread id>, for the thread that started the library and for a later one. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "thread_names.h"

static void check(const char *who) {
    char want[64];
    snprintf(want, sizeof want, "jembed-thread_names-%d", (int)gettid());
    const char *name = thread_name();
    fprintf(stderr, "%s: Java name \"%s\", expected \"%s\"\n", who, name ? name : "(null)", want);
    printf("%s is named jembed-thread_names-<tid>: %s\n", who, name != NULL && strcmp(name, want) == 0 ? "yes" : "no");
}

static void *worker(void *arg) {
    (void)arg;
    check("worker thread");
    return NULL;
}

int main(void) {
    check("starting thread");
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    return 0;
}
