/* dlopen the library, call it from a worker thread, dlclose it, then let the worker exit: the library must not be
 * unmapped under the JVM and its attached threads (the thread-exit destructor, the frozen image), so nothing
 * crashes; a second dlopen finds it working. Usage: host <path of libunloadable.so>. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

typedef int64_t (*twice_fn)(int64_t);

static twice_fn twice;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int called, may_exit;

static void *worker(void *arg) {
    (void)arg;
    printf("worker: twice(21) = %lld\n", (long long)twice(21));
    fflush(stdout);
    pthread_mutex_lock(&lock);
    called = 1;
    pthread_cond_broadcast(&cond);
    while (!may_exit) pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    return NULL; /* thread exit: runs jembed's thread-exit destructor */
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) return 2;
    void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) { printf("dlopen failed: %s\n", dlerror()); return 1; }
    twice = (twice_fn)dlsym(h, "twice");
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&lock);
    while (!called) pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    printf("dlclose: %d\n", dlclose(h));
    pthread_mutex_lock(&lock);
    may_exit = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    printf("worker exited\n");
    h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) { printf("second dlopen failed: %s\n", dlerror()); return 1; }
    twice = (twice_fn)dlsym(h, "twice");
    printf("after a second dlopen: twice(2) = %lld\n", (long long)twice(2));
    return 0;
}
