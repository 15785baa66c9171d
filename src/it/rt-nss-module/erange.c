/*
 * getpwnam_r(name) with a buffer of the given size: prints the return value's name (0, ERANGE, ...) and the entry's
 * GECOS length when found. Usage: erange NAME BUFFER_BYTES
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: erange NAME BUFFER_BYTES\n");
        return 2;
    }
    size_t size = strtoul(argv[2], NULL, 10);
    char *buffer = malloc(size);
    struct passwd pwd, *found = NULL;
    int rc = getpwnam_r(argv[1], &pwd, buffer, size, &found);
    printf("%s", rc == 0 ? "0" : rc == ERANGE ? "ERANGE" : strerror(rc));
    if (found != NULL) {
        printf(" %s gecos %zu", found->pw_name, strlen(found->pw_gecos));
    }
    printf("\n");
    free(buffer);
    return 0;
}
