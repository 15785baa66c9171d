/* A privileged host (installed setuid root, or run with an environment others control) calling a jembed library. */
#include <stdio.h>
#include <unistd.h>
#include "secure_add.h"

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("real uid %d, effective uid %d\n", (int)getuid(), (int)geteuid());
    printf("add(2, 3) = %d\n", add(2, 3));
    return 0;
}
