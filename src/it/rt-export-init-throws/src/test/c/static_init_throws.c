/* The static initializer of the class holding an @Export method throws. The class is initialised during the start,
 * so this is a failed start reported once (not a trace on every call): error values, explicit start -1. */
#include <stdio.h>
#include "clinit_throws.h"

int main(void) {
    printf("explicit start: %d\n", clinit_throws_start());
    for (int i = 1; i <= 3; i++) {
        printf("twice(%d) = %lld\n", i, (long long)twice(i));
    }
    return 0;
}
