#include <errno.h>
#include <stdio.h>
#include "thrower.h"

int main(void) {
    int x = 7;
    printf("divide(10) = %d\n", divide(10));
    errno = 77;
    printf("divide(0) = %d\n", divide(0));
    printf("errno kept: %s\n", errno == 77 ? "yes" : "no");
    printf("divide(4) = %d\n", divide(4));
    printf("echo(&x) is &x: %s\n", echo(&x) == &x ? "yes" : "no");
    printf("echo(NULL) = %s\n", echo(NULL) == NULL ? "NULL" : "not NULL");
    printf("echo(&x) again is &x: %s\n", echo(&x) == &x ? "yes" : "no");
    return 0;
}
