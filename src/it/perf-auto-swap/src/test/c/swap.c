/* Default dispatch: calls cross the JNI → FFM swap, which JEMBED_TRACE reports; then a throwing call goes through
 * the FFM stub (its trace shows the generated divide$ffm wrapper) and is reported like a JNI call's. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "perf_swap.h"

static char log_path[] = "/tmp/perf_swap_stderrXXXXXX";

static int log_contains(const char *text) {
    FILE *f = fopen(log_path, "r");
    if (f == NULL) return 0;
    char line[512];
    int found = 0;
    while (!found && fgets(line, sizeof line, f) != NULL) found = strstr(line, text) != NULL;
    fclose(f);
    return found;
}

static void *worker(void *arg) {
    (void)arg;
    long sum = 0;
    for (int i = 0; i < 100; i++) sum += add(i, 1);
    return (void *)sum;
}

int main(void) {
    setenv("JEMBED_TRACE", "1", 1);
    /* stderr goes to a file this program reads back, then to the real stderr (the test report) */
    int real_stderr = dup(2);
    int fd = mkstemp(log_path);
    dup2(fd, 2);

    long sum = 0, wrong = 0;
    for (int i = 0; i < 20000; i++) sum += add(i, 1);
    int swapped = 0;
    for (int waited = 0; waited < 120000 && !swapped; waited += 50) {
        swapped = log_contains("upcall stubs published");
        if (!swapped) usleep(50000);
        for (int i = 0; i < 1000; i++) wrong += add(i, 2) != i + 2; /* calls during the swap */
    }
    errno = 42;
    int q = divide(1, 0);
    int kept = errno == 42;
    point_t p = { 40, 2 };
    int sp = sum_point(&p);
    pthread_t t;
    void *r;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, &r);
    int through_stub = log_contains("divide$ffm");

    fflush(stderr);
    dup2(real_stderr, 2);
    FILE *f = fopen(log_path, "r");
    char line[512];
    while (f != NULL && fgets(line, sizeof line, f) != NULL) fputs(line, stderr);
    if (f != NULL) fclose(f);
    unlink(log_path);

    printf("sum of 20000 calls: %ld, wrong results during the swap: %ld\n", sum, wrong);
    printf("swapped to FFM: %s; the exception went through the stub: %s\n", swapped ? "yes" : "no", through_stub ? "yes" : "no");
    printf("divide(1, 0) = %d, errno kept: %s; sum_point = %d; new thread: %ld\n", q, kept ? "yes" : "no", sp, (long)r);
    return 0;
}
