/* The process exits (exit(0) from main) while another thread is inside a Java call: no hang, no crash, and the
   shutdown hook the init code registered runs (its line comes from the child, between the two of the parent). */
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <signal.h>
#include "stoppable.h"

extern char **environ;

static void *busy(void *arg) {
    (void)arg;
    for (;;) slow(50);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc > 1) {
        pthread_t t;
        printf("value: %d\n", value());
        pthread_create(&t, NULL, busy, NULL);
        usleep(200 * 1000);
        fflush(stdout);
        exit(0);
    }
    char *args[] = { argv[0], "child", NULL };
    pid_t pid;
    if (posix_spawn(&pid, argv[0], NULL, NULL, args, environ) != 0) { perror("posix_spawn"); return 1; }
    int status = 0, waited_ms = 0;
    while (waitpid(pid, &status, WNOHANG) == 0 && waited_ms < 30000) {
        usleep(10 * 1000);
        waited_ms += 10;
    }
    if (waited_ms >= 30000) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        printf("the process hung at exit\n");
        return 1;
    }
    printf("exited with 0 while a thread was in Java: %s\n", WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "yes" : "no");
    return 0;
}
