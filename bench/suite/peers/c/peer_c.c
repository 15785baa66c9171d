/* Peer (a): the same functions in a plain C shared library. The floor of the crossing: an indirect call. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "peer.h"

#define EXPORT __attribute__((visibility("default")))

typedef struct {
    int32_t v;
} box_t;

EXPORT int32_t add(int32_t a, int32_t b) {
    return a + b;
}

EXPORT int32_t do_stuff(point_t *p) {
    return p->x + p->y;
}

EXPORT const char *shout(const char *s) {
    static __thread char *buf;
    static __thread size_t cap;
    size_t n = strlen(s) + 1;
    if (n > cap) {
        char *b = realloc(buf, n);
        if (b == NULL) return NULL;
        buf = b;
        cap = n;
    }
    for (size_t i = 0; i < n; i++) buf[i] = (char)toupper((unsigned char)s[i]);
    return buf;
}

EXPORT void *make_box(int32_t v) {
    box_t *b = malloc(sizeof *b);
    if (b != NULL) b->v = v;
    return b;
}

EXPORT int32_t unbox(void *h) {
    return ((box_t *)h)->v;
}
