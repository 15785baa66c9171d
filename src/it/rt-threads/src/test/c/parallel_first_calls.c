/* 10 threads make their first call at the same moment; repeated in 20 fresh processes. */
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "rt_threads.h"

#define THREADS 10
#define PROCESSES 20

extern char **environ;
static pthread_barrier_t start_line;
static int results[THREADS];

static void *first_call(void *arg) {
    int i = (int)(long)arg;
    pthread_barrier_wait(&start_line);
    results[i] = add(i, 1000);
    return NULL;
}

static int child(void) {
    alarm(60); /* a deadlock ends the child with SIGALRM instead of hanging the test */
    pthread_t t[THREADS];
    pthread_barrier_init(&start_line, NULL, THREADS);
    for (int i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, first_call, (void *)(long)i);
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    int wrong = 0;
    for (int i = 0; i < THREADS; i++) wrong += results[i] != i + 1000;
    int inits = init_count();
    if (wrong || inits != 1) {
        printf("wrong results: %d, init ran %d times\n", wrong, inits);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "child") == 0) return child();
    int failed = 0;
    for (int p = 0; p < PROCESSES; p++) {
        pid_t pid;
        char *args[] = { argv[0], "child", NULL };
        if (posix_spawn(&pid, argv[0], NULL, NULL, args, environ) != 0) { perror("posix_spawn"); return 1; }
        int status;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            printf("process %d failed (status 0x%x)\n", p, status);
            failed++;
        }
    }
    printf("%d processes x %d threads: init ran once in each, every first call returned the right value: %s\n",
           PROCESSES, THREADS, failed ? "NO" : "yes");
    return failed ? 1 : 0;
}
