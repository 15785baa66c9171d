/* The start's timeline on stderr with JEMBED_TRACE=1, then calls through the FFM stubs built during the start. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "perf_trace.h"

int main(void) {
    setenv("JEMBED_TRACE", "1", 1);
    printf("add(2, 3) = %d\n", add(2, 3));
    point_t p = { 40, 2 };
    printf("sum_point({40, 2}) = %d\n", sum_point(&p));
    errno = 42;
    int q = divide(1, 0);
    printf("divide(1, 0) = %d, errno kept: %s\n", q, errno == 42 ? "yes" : "no");
    printf("divide(9, 3) = %d\n", divide(9, 3));
    printf("restricted(1) = %d\n", restricted(1));
    return 0;
}
