/*
 * Test harness for run-time hardening tests: each scenario runs in a fresh child process (this program run again
 * with the scenario's name), in its own process group, with a time limit, so that a hang fails the test instead of
 * stalling it and a crash or an exit of the child is reported instead of ending the test. The child's stdout lines
 * come first, then one line saying how it ended.
 */
#ifndef HARNESS_H
#define HARNESS_H
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* Runs "argv0 scenario" with the current environment; prints "<scenario>: <how it ended>". Returns its status. */
static int harness_run(const char *argv0, const char *scenario, int timeout_s) {
    fflush(stdout);
    fflush(stderr);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    char *args[] = { (char *)argv0, (char *)scenario, NULL };
    pid_t pid;
    if (posix_spawn(&pid, argv0, NULL, &attr, args, environ) != 0) {
        perror("posix_spawn");
        exit(2);
    }
    posix_spawnattr_destroy(&attr);
    int status = 0;
    struct timespec tick = { 0, 20 * 1000 * 1000 };
    for (long waited_ms = 0;; waited_ms += 20) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) {
            break;
        }
        if (waited_ms >= timeout_s * 1000L) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            printf("%s: timed out after %d s (killed)\n", scenario, timeout_s);
            fflush(stdout);
            return -1;
        }
        nanosleep(&tick, NULL);
    }
    kill(-pid, SIGKILL); /* anything the child left behind in its group (a forked grandchild) */
    if (WIFEXITED(status)) {
        printf("%s: exited with status %d\n", scenario, WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
        printf("%s: killed by signal %d (%s)\n", scenario, WTERMSIG(status), strsignal(WTERMSIG(status)));
    }
    fflush(stdout);
    return status;
}

/* In the child: stdout line-buffered so that lines printed before a crash are not lost. */
static void harness_child(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
}
#endif
