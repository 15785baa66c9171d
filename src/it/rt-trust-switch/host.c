/* A host that is not setuid but runs with an environment others influence (a daemon passing client-supplied
 * variables), calling a library built with <trustEnvironment>false</trustEnvironment>. */
#include <stdio.h>
#include "untrusting_add.h"

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("add(2, 3) = %d\n", add(2, 3));
    return 0;
}
