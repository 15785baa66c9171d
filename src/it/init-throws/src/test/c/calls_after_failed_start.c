#include <errno.h>
#include <stdio.h>
#include "failing_init.h"

int main(void) {
    int failures = 0;
    for (int i = 0; i < 8; i++) {
        errno = 1234;
        int r = answer(i);
        if (r != 0) {
            printf("call %d returned %d, expected the error value 0\n", i, r);
            failures++;
        }
        if (errno != 1234) {
            printf("call %d changed errno to %d\n", i, errno);
            failures++;
        }
    }
    printf("%s\n", failures == 0 ? "every call returned 0" : "FAILED");
    return failures == 0 ? 0 : 1;
}
