/* The one C driver of the benchmark suite: it dlopens one peer library (any of them: they all export peer.h)
 * and prints figures as "name value" lines for measure.py to collect.
 *
 *   driver warm   LIB SECONDS   per-call cost, throughput on 1 and 2 threads, first call on new native threads
 *   driver launch LIB           forks and execs "driver cold LIB", timing exec -> first return of add(1, 2)
 *   driver cold   LIB           (the child of launch) the first call, then the process's CPU time so far and RSS
 *
 * Every timed loop runs for SECONDS (checked every 1024 calls), after a warm-up of the same length, so slow and
 * fast peers both get a steady figure. Exit status 0 only if every call returned the right value. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "peer.h"

typedef struct {
    int32_t (*add)(int32_t, int32_t);
    int32_t (*do_stuff)(point_t *);
    const char *(*shout)(const char *);
    void *(*make_box)(int32_t);
    int32_t (*unbox)(void *);
} peer_api;

static peer_api api;
static void *box;

static double mono_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of the whole process (every thread: the caller, and a JVM's or Python's GC and compiler threads). */
static double cpu_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long long real_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *sym(void *lib, const char *name) {
    void *p = dlsym(lib, name);
    if (p == NULL) {
        fprintf(stderr, "driver: %s: %s\n", name, dlerror());
        exit(3);
    }
    return p;
}

static void load(const char *path) {
    void *lib = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    if (lib == NULL) {
        fprintf(stderr, "driver: %s\n", dlerror());
        exit(3);
    }
    api.add = (int32_t (*)(int32_t, int32_t))sym(lib, "add");
    api.do_stuff = (int32_t (*)(point_t *))sym(lib, "do_stuff");
    api.shout = (const char *(*)(const char *))sym(lib, "shout");
    api.make_box = (void *(*)(int32_t))sym(lib, "make_box");
    api.unbox = (int32_t (*)(void *))sym(lib, "unbox");
}

static void check(int ok, const char *what) {
    if (!ok) {
        fprintf(stderr, "driver: wrong result from %s\n", what);
        exit(4);
    }
}

/* Resident set size of this process in kB, from /proc/self/status, or -1. */
static long vm_rss_kb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    if (f == NULL) return -1;
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "VmRSS:", 6) == 0) kb = atol(line + 6);
    }
    fclose(f);
    return kb;
}

/* ---- the workloads: each makes n calls and returns a checksum ---- */

enum workload { W_ADD, W_DO_STUFF, W_SHOUT, W_UNBOX, W_COUNT };
static const char *const workload_name[W_COUNT] = { "add", "do_stuff", "shout", "unbox" };
static const char shout_in[] = "hello, benchmark";

static long run_calls(enum workload w, long n, long start) {
    long acc = 0;
    point_t p = { 0, 7 };
    switch (w) {
    case W_ADD:
        for (long i = start; i < start + n; i++) acc += api.add((int32_t)(i & 0xffffff), 1);
        break;
    case W_DO_STUFF:
        for (long i = start; i < start + n; i++) {
            p.x = (int32_t)(i & 0xffffff);
            acc += api.do_stuff(&p);
        }
        break;
    case W_SHOUT:
        for (long i = 0; i < n; i++) acc += api.shout(shout_in)[i & 7];
        break;
    case W_UNBOX:
        for (long i = 0; i < n; i++) acc += api.unbox(box);
        break;
    default:
        break;
    }
    return acc;
}

/* Expected checksum of run_calls, to prove every call returned the right value. */
static long expect_calls(enum workload w, long n, long start) {
    long acc = 0;
    for (long i = 0; i < n; i++) {
        switch (w) {
        case W_ADD: acc += ((start + i) & 0xffffff) + 1; break;
        case W_DO_STUFF: acc += ((start + i) & 0xffffff) + 7; break;
        case W_SHOUT: acc += "HELLO, BENCHMARK"[i & 7]; break;
        case W_UNBOX: acc += 42; break;
        default: break;
        }
    }
    return acc;
}

#define BATCH 1024L

/* Calls w for about `seconds` of wall time; prints ns per call of wall time and of process CPU time (the latter
 * leaves out the time other processes had the CPU, which on a shared machine is most of the noise). */
static void per_call(enum workload w, double seconds, int print) {
    long calls = 0;
    long acc = 0;
    double c0 = cpu_s();
    double t0 = mono_s(), t;
    do {
        acc += run_calls(w, BATCH, calls);
        calls += BATCH;
        t = mono_s();
    } while (t - t0 < seconds);
    double c1 = cpu_s();
    check(acc == expect_calls(w, calls, 0), workload_name[w]);
    if (print) {
        printf("percall_%s_ns %.3f\n", workload_name[w], (t - t0) * 1e9 / (double)calls);
        printf("percall_cpu_%s_ns %.3f\n", workload_name[w], (c1 - c0) * 1e9 / (double)calls);
    }
}

/* ---- throughput: threads call until the main thread raises `stop` ---- */

static atomic_int stop;
static atomic_int ready;

typedef struct {
    enum workload w;
    long calls;
    long acc;
} worker;

static void *work(void *arg) {
    worker *k = arg;
    k->calls = 0;
    k->acc = 0;
    run_calls(k->w, 1, 0); /* attach this thread before the clock starts */
    atomic_fetch_add(&ready, 1);
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        k->acc += run_calls(k->w, BATCH, k->calls);
        k->calls += BATCH;
    }
    return NULL;
}

/* Total calls per second (millions) of w on `threads` threads, for about `seconds`. */
static double throughput(enum workload w, int threads, double seconds) {
    pthread_t t[2];
    worker k[2];
    atomic_store(&stop, 0);
    atomic_store(&ready, 0);
    for (int i = 0; i < threads; i++) {
        k[i].w = w;
        pthread_create(&t[i], NULL, work, &k[i]);
    }
    while (atomic_load(&ready) < threads) sched_yield();
    double t0 = mono_s();
    struct timespec d = { (time_t)seconds, (long)((seconds - (long)seconds) * 1e9) };
    nanosleep(&d, NULL);
    atomic_store(&stop, 1);
    long calls = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        calls += k[i].calls;
        check(k[i].acc == expect_calls(w, k[i].calls, 0), workload_name[w]);
    }
    /* the workers stop within one batch of `stop`; count to the moment the last one is joined */
    double t1 = mono_s();
    return (double)calls / (t1 - t0) / 1e6;
}

/* ---- first call on a new native thread ---- */

static void *first_call(void *arg) {
    double t0 = mono_s();
    int32_t r = api.add(2, 3);
    double t1 = mono_s();
    check(r == 5, "add on a new thread");
    *(double *)arg = (t1 - t0) * 1e6;
    return NULL;
}

static double new_thread_first_call_us(void) {
    pthread_t t;
    double us = 0;
    pthread_create(&t, NULL, first_call, &us);
    pthread_join(t, NULL);
    return us;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int warm(const char *lib, double seconds) {
    load(lib);
    check(api.add(1, 2) == 3, "add");
    point_t p = { 3, 4 };
    check(api.do_stuff(&p) == 7, "do_stuff");
    check(strcmp(api.shout("abc, d"), "ABC, D") == 0, "shout");
    box = api.make_box(42);
    check(api.unbox(box) == 42, "unbox");

    for (int w = 0; w < W_COUNT; w++) per_call((enum workload)w, seconds, 0); /* warm-up: JIT */
    for (int w = 0; w < W_COUNT; w++) per_call((enum workload)w, seconds, 1);
    const enum workload tput[] = { W_ADD, W_UNBOX };
    for (int i = 0; i < 2; i++) {
        throughput(tput[i], 2, seconds / 2); /* warm-up */
        double one = throughput(tput[i], 1, seconds);
        double two = throughput(tput[i], 2, seconds);
        printf("tput1_%s_Mps %.3f\n", workload_name[tput[i]], one);
        printf("tput2_%s_Mps %.3f\n", workload_name[tput[i]], two);
        printf("tput_ratio_%s %.3f\n", workload_name[tput[i]], two / one);
    }
    double us[5];
    for (int i = 0; i < 5; i++) us[i] = new_thread_first_call_us();
    qsort(us, 5, sizeof us[0], cmp_double);
    printf("new_thread_first_call_us %.3f\n", us[2]);
    fflush(stdout);
    return 0;
}

static int cold(const char *lib) {
    load(lib);
    int32_t r = api.add(1, 2);
    long long t = real_ns();
    double cpu = cpu_s();
    check(r == 3, "add");
    long kb = vm_rss_kb();
    printf("first_return_realtime_ns %lld\n", t);
    printf("cold_cpu_ms %.3f\n", cpu * 1e3);
    printf("rss_after_first_call_MB %.2f\n", kb / 1024.0);
    fflush(stdout);
    return 0;
}

/* Runs "self cold lib" in a child; the clock starts before fork and ends at the child's first return. */
static int launch(const char *self, const char *lib) {
    int fd[2];
    if (pipe(fd) != 0) {
        perror("driver: pipe");
        return 3;
    }
    long long t0 = real_ns();
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execl(self, self, "cold", lib, (char *)NULL);
        perror("driver: exec");
        _exit(127);
    }
    close(fd[1]);
    char out[1024];
    size_t len = 0;
    ssize_t n;
    while (len < sizeof out - 1 && ((n = read(fd[0], out + len, sizeof out - 1 - len)) > 0 || (n < 0 && errno == EINTR))) {
        if (n > 0) len += (size_t)n;
    }
    out[len] = '\0';
    close(fd[0]);
    int status;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "driver: the cold run failed (status %d)\n", status);
        return 4;
    }
    long long t1 = 0;
    char *at = strstr(out, "first_return_realtime_ns ");
    if (at != NULL) t1 = atoll(at + strlen("first_return_realtime_ns "));
    if (t1 <= t0) {
        fprintf(stderr, "driver: the cold run printed no first return time\n");
        return 4;
    }
    printf("cold_first_call_ms %.3f\n", (double)(t1 - t0) / 1e6);
    const char *pass[] = { "cold_cpu_ms ", "rss_after_first_call_MB " };
    for (int i = 0; i < 2; i++) {
        at = strstr(out, pass[i]);
        if (at != NULL) fwrite(at, 1, strcspn(at, "\n") + 1, stdout);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "warm") == 0) return warm(argv[2], atof(argv[3]));
    if (argc == 3 && strcmp(argv[1], "cold") == 0) return cold(argv[2]);
    if (argc == 3 && strcmp(argv[1], "launch") == 0) return launch(argv[0], argv[2]);
    fprintf(stderr, "usage: %s warm LIB SECONDS | launch LIB | cold LIB\n", argv[0]);
    return 2;
}
