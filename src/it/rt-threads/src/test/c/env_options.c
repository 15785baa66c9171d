/* JVM options from the environment variable named after the library (allowed unless the pom forbids it). */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "rt_threads.h"

extern char **environ;

int main(int argc, char **argv) {
    if (argc > 1) {
        printf("with RT_THREADS_JVM_OPTIONS: option seen %d\n", env_option_seen());
        return 0;
    }
    printf("without: option seen %d\n", env_option_seen());
    fflush(stdout);
    setenv("RT_THREADS_JVM_OPTIONS", "-Drt.threads.env=hello  -Xss2m", 1);
    char *args[] = { argv[0], "child", NULL };
    pid_t pid;
    if (posix_spawn(&pid, argv[0], NULL, NULL, args, environ) != 0) { perror("posix_spawn"); return 1; }
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
