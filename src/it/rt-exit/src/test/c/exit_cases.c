/*
 * What a host's ordinary exit runs (issue #19): each scenario is this program run again in a fresh process with a time
 * limit (harness.h); the parent then looks at what the child's Java side left in a scratch directory: the buffered
 * file complete, the shutdown hooks' markers (each hook appends its process id), the deleteOnExit file gone.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "harness.h"
#include "exiting.h"

static char dir[256];

static const char *in_dir(const char *name) {
    static char paths[4][512];
    static int next;
    char *p = paths[next++ % 4];
    snprintf(p, 512, "%s/%s", dir, name);
    return p;
}

/* ---- the child's side -------------------------------------------------------------------------------- */

static void *exit_with(void *status) {
    exit((int)(intptr_t)status);
}

static void *in_java(void *arg) {
    (void)arg;
    slow(30000);
    return NULL;
}

static int child(const char *scenario) {
    harness_child();
    snprintf(dir, sizeof dir, "%s", getenv("EXIT_DIR"));
    if (strcmp(scenario, "never_started") == 0) {
        exit(0);
    }
    if (strcmp(scenario, "failed_start") == 0) {
        setenv("JEMBED_JAVA_HOME", "/nonexistent", 1);
        printf("value() = %d\n", value());
        exit(9);
    }
    write_line(in_dir("data.txt"), "line 1\n");
    write_line(in_dir("data.txt"), "line 2\n");
    add_hook(in_dir("hook"), 0, "marker-hook");
    if (strcmp(scenario, "main_returns") == 0) {
        delete_on_exit(in_dir("temporary"));
        print_unflushed("[unflushed by Java]");
        return 0;
    }
    if (strcmp(scenario, "exit_from_thread") == 0) {
        pthread_t t;
        pthread_create(&t, NULL, exit_with, (void *)(intptr_t)3);
        pthread_join(t, NULL); /* main blocks here until the process ends */
        return 1;
    }
    if (strcmp(scenario, "slow_hook") == 0) {
        add_hook(in_dir("slow"), 600000, "slow-hook");
        exit(5);
    }
    if (strcmp(scenario, "exit_during_java_call") == 0) {
        pthread_t t;
        pthread_create(&t, NULL, in_java, NULL);
        usleep(300 * 1000);
        exit(0);
    }
    if (strcmp(scenario, "forked_child") == 0) {
        pid_t pid = fork();
        if (pid == 0) {
            exit(7); /* the child of fork(): its exit runs nothing of Java's */
        }
        int status = 0;
        waitpid(pid, &status, 0);
        printf("forked child: exit status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return 0;
    }
    if (strcmp(scenario, "exit_from_java") == 0) {
        exit_from_java(4);
        return 1;
    }
    if (strcmp(scenario, "java_system_exit") == 0) {
        java_system_exit(6);
        return 1;
    }
    if (strcmp(scenario, "thread_java_never_saw") == 0) {
        pthread_t t;
        pthread_create(&t, NULL, exit_with, (void *)(intptr_t)8);
        pthread_join(t, NULL);
        return 1;
    }
    if (strcmp(scenario, "explicit_shutdown") == 0) {
        printf("exiting_shutdown() = %d\n", exiting_shutdown());
        struct stat st;
        printf("hook ran before exit: %s\n", stat(in_dir("hook"), &st) == 0 ? "yes" : "no");
        return 0;
    }
    if (strcmp(scenario, "jfr") == 0) {
        return 0; /* EXITING_JVM_OPTIONS asks for a recording; verify.groovy reads it */
    }
    fprintf(stderr, "unknown scenario %s\n", scenario);
    return 2;
}

/* ---- the parent's side ------------------------------------------------------------------------------- */

static char *slurp(const char *path) {
    static char text[4096];
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return NULL;
    }
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

static int lines(const char *path) {
    char *t = slurp(path);
    int n = 0;
    for (; t != NULL && *t; t++) {
        n += *t == '\n';
    }
    return t == NULL ? -1 : n;
}

static void clean(void) {
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.') {
            unlink(in_dir(e->d_name));
        }
    }
    if (d != NULL) {
        closedir(d);
    }
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void run(const char *argv0, const char *scenario) {
    clean();
    double started = now_s();
    harness_run(argv0, scenario, 60);
    double took = now_s() - started;
    char *data = slurp(in_dir("data.txt"));
    int complete = data != NULL && strcmp(data, "line 1\nline 2\n") == 0;
    int hooks = lines(in_dir("hook"));
    struct stat st;
    printf("%s: data complete: %s, hook ran: %d time(s)", scenario, complete ? "yes" : "no", hooks < 0 ? 0 : hooks);
    if (strcmp(scenario, "main_returns") == 0) {
        printf(", deleteOnExit file gone: %s", stat(in_dir("temporary"), &st) != 0 ? "yes" : "no");
    }
    if (strcmp(scenario, "slow_hook") == 0) {
        /* the bound is 2 s (<exitTimeout>) plus at most a second; the process start is included */
        printf(", within the bound: %s, slow hook finished: %s", took < 10 ? "yes" : "no",
               stat(in_dir("slow"), &st) == 0 ? "yes" : "no");
    }
    if (strcmp(scenario, "exit_during_java_call") == 0) {
        printf(", without waiting for the call: %s", took < 10 ? "yes" : "no");
    }
    printf("\n");
    fflush(stdout);
}

int main(int argc, char **argv) {
    if (argc > 1) {
        return child(argv[1]);
    }
    snprintf(dir, sizeof dir, "/tmp/jembed-rt-exit-XXXXXX");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    setenv("EXIT_DIR", dir, 1);
    const char *scenarios[] = { "main_returns", "exit_from_thread", "slow_hook", "exit_during_java_call", "forked_child",
                                "exit_from_java", "java_system_exit", "thread_java_never_saw", "explicit_shutdown",
                                "failed_start", "never_started" };
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        run(argv[0], scenarios[i]);
    }
    clean();
    rmdir(dir);
    return 0;
}
