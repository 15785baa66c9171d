/* fork() after the library started: the JVM does not survive a fork, so in the child every call must return its
 * error value at once (a warm function, one never called before, one that allocates and needs the GC), never hang;
 * the parent is unaffected. Each case runs in a fresh process with a time limit; the forked child has its own. */
#include <sys/types.h>
#include "harness.h"
#include "forked.h"

static void wait_child(pid_t pid) {
    int status = 0;
    struct timespec tick = { 0, 20 * 1000 * 1000 };
    for (int waited_ms = 0; waitpid(pid, &status, WNOHANG) != pid; waited_ms += 20) {
        if (waited_ms >= 20000) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            printf("  forked child: hung (killed after 20 s)\n");
            return;
        }
        nanosleep(&tick, NULL);
    }
    if (WIFEXITED(status)) {
        printf("  forked child: exited with status %d\n", WEXITSTATUS(status));
    } else {
        printf("  forked child: killed by signal %d\n", WTERMSIG(status));
    }
}

int main(int argc, char **argv) {
    if (argc > 1) {
        harness_child();
        printf("  parent before fork: warm(1) = %lld, allocate(8) = %d\n", (long long)warm(1), (int)allocate(8));
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            if (strcmp(argv[1], "child-calls-warm") == 0) {
                printf("  forked child: warm(2) = %lld\n", (long long)warm(2));
            } else if (strcmp(argv[1], "child-calls-cold") == 0) {
                printf("  forked child: cold(3) = %lld\n", (long long)cold(3));
            } else {
                printf("  forked child: allocate(64) = %d\n", (int)allocate(64));
            }
            fflush(stdout);
            _exit(0);
        }
        wait_child(pid);
        printf("  parent after fork: warm(4) = %lld, cold(5) = %lld, allocate(64) = %d\n", (long long)warm(4),
               (long long)cold(5), (int)allocate(64));
        return 0;
    }
    harness_run(argv[0], "child-calls-warm", 60);
    harness_run(argv[0], "child-calls-cold", 60);
    harness_run(argv[0], "child-calls-allocating", 60);
    return 0;
}
