/* Run by verify.groovy against an ASan+UBSan build of the generated glue: calls from several threads with struct
 * pointers, strings (including NULL) and Java exceptions. With NO_JVM set, it runs the failed-start path instead. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "leaky.h"

static void *worker(void *arg) {
    long bad = 0;
    point_t p = { 1, 2 };
    for (int i = 0; i < 20000; i++) {
        p.x = i;
        bad += sum_point(&p) != i + 2;
        bad += utf8_length(i % 3 ? "h\xc3\xa9llo" : NULL) != (i % 3 ? 5 : -1);
        if (i % 5000 == 0) bad += fail_if_negative(-1) != 0;
    }
    *(long *)arg = bad;
    return NULL;
}

int main(void) {
    if (getenv("NO_JVM") != NULL) {
        int wrong = sum_point(NULL) != 0;
        for (int i = 0; i < 10; i++) wrong += utf8_length("x") != 0;
        printf("failed start: every call returned the error value: %s\n", wrong ? "no" : "yes");
        return wrong != 0;
    }
    pthread_t t[4];
    long bad[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, &bad[i]);
    long total = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        total += bad[i];
    }
    printf("4 threads x 20000 checked calls: wrong results %ld\n", total);
    return total != 0;
}
