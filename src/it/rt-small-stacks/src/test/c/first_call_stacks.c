/* The first call of a fresh process comes from a thread with a small stack (musl's default is 128 KiB): the JVM
 * must still start (it is created where it has the stack it needs) and the host must go on. A thread of 64 KiB or
 * less may be too small to be attached: it gets the error value with a one-line reason, and the library still works
 * from other threads. Each case runs in a fresh process with a time limit. */
#include <pthread.h>
#include "harness.h"
#include "small_stacks.h"

static void *call(void *arg) {
    size_t kib = *(size_t *)arg;
    long long v = (long long)twice(21);
    if (kib > 0 && kib <= 64) {
        printf("  twice(21) = 42, or the error value 0: %s\n", v == 42 || v == 0 ? "yes" : "no");
    } else {
        printf("  twice(21) = %lld\n", v);
    }
    return NULL;
}

static int first_call_from(size_t kib) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    if (kib > 0 && pthread_attr_setstacksize(&attr, kib * 1024) != 0) {
        printf("  cannot set a %zu KiB stack\n", kib);
        return 1;
    }
    pthread_t t;
    pthread_create(&t, &attr, call, &kib);
    pthread_join(t, NULL);
    printf("  then twice(4) from the main thread = %lld\n", (long long)twice(4));
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1) {
        harness_child();
        size_t kib = strcmp(argv[1], "first-call-default") == 0 ? 0 : (size_t)atoi(argv[1] + strlen("first-call-"));
        return first_call_from(kib);
    }
    harness_run(argv[0], "first-call-default", 60);
    harness_run(argv[0], "first-call-128k", 60);
    harness_run(argv[0], "first-call-64k", 60);
    harness_run(argv[0], "first-call-32k", 60);
    return 0;
}
