/* Stands for an attacker's shared object: its constructor leaves a marker file saying with which ids it ran.
 * Built twice: as a fake lib/server/libjvm.so and as a fake JVM agent. */
#include <stdio.h>
#include <unistd.h>

__attribute__((constructor)) static void evil(void) {
    FILE *f = fopen(MARKER, "w");
    if (f != NULL) {
        fprintf(f, "evil code ran: uid=%d euid=%d\n", (int)getuid(), (int)geteuid());
        fclose(f);
    }
    fprintf(stderr, "EVIL CODE RAN (%s): uid=%d euid=%d\n", MARKER, (int)getuid(), (int)geteuid());
}
