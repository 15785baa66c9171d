/* JVM options: the pom's are applied; SIGENV_JVM_OPTIONS is ignored (the pom forbids it); strict mode refuses to
 * start while JAVA_TOOL_OPTIONS or _JAVA_OPTIONS is set. Each case runs in a fresh process. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sigenv.h"

extern char **environ;

static void run_child(const char *name, const char *var, const char *value) {
    char assignment[256];
    snprintf(assignment, sizeof assignment, "%s=%s", var, value);
    char *env[] = { assignment, NULL };
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) { perror("readlink"); exit(1); }
    self[n] = '\0';
    char *args[] = { self, (char *)name, NULL };
    pid_t pid;
    fflush(stdout);
    if (posix_spawn(&pid, self, NULL, NULL, args, env) != 0) { perror("posix_spawn"); exit(1); }
    int status;
    waitpid(pid, &status, 0);
    printf("%s: exited normally with 0: %s\n", name, WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "yes" : "no");
}

int main(int argc, char **argv) {
    if (argc > 1) {
        printf("%s: ping %d, pom option %d, environment option %d\n", argv[1], ping(), pom_property(), env_property());
        return 0;
    }
    run_child("forbidden-env-options", "SIGENV_JVM_OPTIONS", "-Dsigenv.env=yes");
    run_child("strict-java-tool-options", "JAVA_TOOL_OPTIONS", "-Dsigenv.tool=yes");
    run_child("strict-underscore-java-options", "_JAVA_OPTIONS", "-Dsigenv.underscore=yes");
    return 0;
}
