/* A C program that uses the library as any C library: it does not know the library is written in Java. */
#include <stdio.h>
#include "plugin.h"

int main(void) {
    point_t p = { 3, 4 };
    int result = do_stuff(&p);
    printf("result: %d\n", result);
    return result == 7 ? 0 : 1;
}
