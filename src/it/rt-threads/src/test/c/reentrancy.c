/* Init code calls user C, which calls an exported function of the same library on the initializing thread. */
#include <stdio.h>
#include "rt_threads.h"

int main(void) {
    printf("add(1, 1) = %d\n", add(1, 1));
    printf("add(2, 3) called back during init returned %d\n", reentrant_result());
    return 0;
}
