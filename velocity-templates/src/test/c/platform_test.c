/*
 * Exercises jembed's platform layer without a JVM: threads, thread-exit hook, escape, recursive mutex, condition,
 * once, creation lock and abandoned mark, clock, own path, hiding environment variables, the set-id hazard. Prints one
 * line per check; exit status = failures.
 * run.sh builds and runs it for linux-x86_64, linux-aarch_64 (qemu-aarch64) and windows-x86_64 (wine).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP (glibc) */
#endif
#include "jembed_platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(JEMBED_OS_LINUX)
#include <sys/prctl.h>
#include <unistd.h>
#endif

static int failures;

static void check(int ok, const char *what) {
    printf("%s: %s\n", ok ? "ok  " : "FAIL", what);
    fflush(stdout);
    failures += !ok;
}

static jembed_os_mutex m = JEMBED_OS_MUTEX_INIT;
static jembed_os_cond c = JEMBED_OS_COND_INIT;
static jembed_os_once once = JEMBED_OS_ONCE_INIT;
static int once_count, flag, exit_seen;
static void *exit_value;
static size_t worker_stack;
static unsigned long worker_tid;

static void count_once(void) {
    once_count++;
}

static void on_exit_hook(void *value) {
    __atomic_store_n(&exit_value, value, __ATOMIC_RELEASE);
    __atomic_add_fetch(&exit_seen, 1, __ATOMIC_ACQ_REL);
}

static void worker(void *arg) {
    (void)arg;
    worker_stack = jembed_os_stack_kib();
    worker_tid = jembed_os_thread_id();
    jembed_os_once_run(&once, count_once);
    jembed_os_exit_value((void *)&flag);
    jembed_os_mutex_lock(&m);
    jembed_os_mutex_lock(&m); /* recursive */
    flag = 1;
    jembed_os_cond_broadcast(&c);
    jembed_os_mutex_unlock(&m);
    jembed_os_mutex_unlock(&m);
}

static intptr_t held;

static void escaper(void *arg) {
    (void)arg;
    held = jembed_os_creation_lock(1000);
    jembed_os_thread_escape();
}

static intptr_t second;

static void try_lock(void *arg) {
    (void)arg;
    second = jembed_os_creation_lock(50);
    if (second >= 0) {
        jembed_os_creation_unlock(second);
    }
}

int main(void) {
    check(jembed_os_exit_hook(on_exit_hook) == 0, "thread-exit hook created");
    jembed_os_once_run(&once, count_once);

    double t0 = jembed_os_now_ms();
    jembed_os_sleep_ms(20);
    double slept = jembed_os_now_ms() - t0;
    check(slept >= 15 && slept < 2000, "monotonic clock and sleep (20 ms)");

    jembed_os_thread t;
    jembed_os_mutex_lock(&m);
    check(jembed_os_thread_start(&t, 8u << 20, worker, NULL) == 0, "thread started with an 8 MiB stack");
    while (!flag) {
        jembed_os_cond_wait(&c, &m);
    }
    jembed_os_mutex_unlock(&m);
    check(jembed_os_thread_join(t) == 0, "thread joined, not escaped");
    check(once_count == 1, "once ran once");
    check(worker_stack >= 8000 && worker_stack <= 8400, "the thread's stack is about 8192 KiB");
    check(worker_tid != 0 && worker_tid != jembed_os_thread_id(), "thread ids differ");
    for (int i = 0; i < 200 && __atomic_load_n(&exit_seen, __ATOMIC_ACQUIRE) == 0; i++) {
        jembed_os_sleep_ms(5);
    }
    check(exit_seen == 1 && exit_value == (void *)&flag, "thread-exit hook ran once with the thread's value");

    intptr_t lock = jembed_os_creation_lock(1000);
#if defined(JEMBED_OS_MACOS)
    check(lock == -1, "no creation lock on macOS");
#else
    check(lock >= 0, "creation lock taken");
    check(jembed_os_thread_start(&t, 1u << 20, try_lock, NULL) == 0 && jembed_os_thread_join(t) == 0 && second == -2,
          "a second taker times out while it is held");
    jembed_os_creation_unlock(lock);
    check(jembed_os_thread_start(&t, 1u << 20, try_lock, NULL) == 0 && jembed_os_thread_join(t) == 0 && second >= 0,
          "free again once released");
    check(!jembed_os_abandoned(), "no abandoned mark yet");
    check(jembed_os_thread_start(&t, 1u << 20, escaper, NULL) == 0 && jembed_os_thread_join(t) == 1 && held >= 0,
          "a thread holding the lock escaped (join says so)");
    jembed_os_mark_abandoned();
    jembed_os_creation_drop(held);
    check(jembed_os_abandoned(), "abandoned mark seen");
    lock = jembed_os_creation_lock(1000);
    check(lock >= 0, "lock free after the escaped holder's token was dropped");
    jembed_os_creation_unlock(lock);
#endif

    char path[JEMBED_PATH_MAX], dir[JEMBED_PATH_MAX];
    check(jembed_os_self_path(path, sizeof path) == 0 && path[0] != '\0', "own file path known");
    jembed_os_self_dir(dir, sizeof dir);
    check(dir[0] != '\0' && strncmp(path, dir, strlen(dir)) == 0 && strlen(dir) < strlen(path), "own directory");
    printf("      self: %s\n      dir:  %s\n", path, dir);
    char jvm[JEMBED_PATH_MAX];
    check(jembed_os_loaded_libjvm(jvm, sizeof jvm) == NULL, "no libjvm loaded");
    char why[JEMBED_PATH_MAX + 64];
    check(jembed_os_open(jembed_os_libjvm_paths[0] + 1, why, sizeof why) == NULL, "a missing library is not opened");
    printf("      why:  %s\n", why);
    check(jembed_os_privileged() == NULL && !jembed_os_ids_differ(), "not privileged");

    const char *const hide[] = { "JEMBED_PT_HIDDEN", "JEMBED_PT_ALSO", NULL };
#if defined(JEMBED_OS_WINDOWS)
    check(jembed_os_env_hide(hide) == -1, "no hiding of environment variables on Windows");
#else
    setenv("JEMBED_PT_HIDDEN", "1", 1);
    setenv("JEMBED_PT_KEPT", "2", 1);
    check(jembed_os_env_hide(hide) == 1 && getenv("JEMBED_PT_HIDDEN") == NULL && getenv("JEMBED_PT_KEPT") != NULL,
          "a variable hidden, the others kept");
    jembed_os_env_unhide();
    check(getenv("JEMBED_PT_HIDDEN") != NULL && strcmp(getenv("JEMBED_PT_HIDDEN"), "1") == 0, "the variable is back");
    check(jembed_os_env_hide(hide) == 1, "hidden again");
    setenv("JEMBED_PT_NEW", "3", 1); /* the host changes its environment meanwhile */
    jembed_os_env_unhide();
    check(getenv("JEMBED_PT_HIDDEN") != NULL && getenv("JEMBED_PT_NEW") != NULL && getenv("JEMBED_PT_KEPT") != NULL,
          "a change made while hidden is kept, and the variable is back");
    unsetenv("JEMBED_PT_HIDDEN");
    check(jembed_os_env_hide(hide) == 0, "nothing to hide");
#endif
#if defined(JEMBED_OS_LINUX)
    const char *hazard = jembed_os_id_change_hazard();
    check(hazard == NULL, "no set-id hazard in this process");
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) == 0) {
        hazard = jembed_os_id_change_hazard();
        /* only a process able to change ids (root, CAP_SETUID) is at risk */
        check(geteuid() == 0 ? hazard != NULL : hazard == NULL, "keeping capabilities across a uid change is a hazard");
        printf("      hazard: %s\n", hazard != NULL ? hazard : "(none)");
        prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
    }
#else
    check(jembed_os_id_change_hazard() == NULL, "no set-id hazard here");
#endif
    printf("%d failure(s)\n", failures);
    return failures;
}
