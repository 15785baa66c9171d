/* Runs itself again with JEMBED_JAVA_HOME at a folder without a JDK: the library must find no JVM, say so once
 * with what it tried, return error values, and let the host exit normally. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "no_class.h"

extern char **environ;

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        printf("twice(4) = %lld\n", (long long)twice(4));
        printf("explicit start: %d\n", no_class_start());
        printf("twice(5) = %lld\n", (long long)twice(5));
        fflush(stdout);
        return 0;
    }
    setenv("JEMBED_JAVA_HOME", "/nonexistent/jdk", 1);
    pid_t pid;
    char *args[] = { argv[0], "child", NULL };
    if (posix_spawn(&pid, argv[0], NULL, NULL, args, environ) != 0) { perror("posix_spawn"); return 1; }
    int status;
    waitpid(pid, &status, 0);
    printf("host exited normally with 0: %s\n", WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "yes" : "no");
    return 0;
}
