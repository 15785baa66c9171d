/* The shutdown function: later calls return the error value; the JVM jembed created is destroyed, so Java
 * shutdown hooks run; a second shutdown returns -1; the process then exits normally. */
#include <stdio.h>
#include "stoppable.h"

int main(void) {
    printf("value: %d\n", value());
    fflush(stdout);
    int rc = stoppable_shutdown();
    fflush(stdout);
    printf("shutdown: %d\n", rc);
    printf("value after shutdown: %d\n", value());
    printf("shutdown again: %d\n", stoppable_shutdown());
    return 0;
}
