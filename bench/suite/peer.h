/* The API every peer library of the benchmark suite exports (direct C, hand-written JNI, FFM upcall stub, CFFI
 * embedding, jembed). The driver (driver.c) dlopens one peer and calls these through dlsym'd pointers. */
#ifndef BENCH_PEER_H
#define BENCH_PEER_H
#include <stdint.h>

typedef struct {
    int32_t x, y;
} point_t;

/* a + b */
int32_t add(int32_t a, int32_t b);
/* p->x + p->y */
int32_t do_stuff(point_t *p);
/* s in upper case (ASCII); the result stays valid until the next call on the same thread */
const char *shout(const char *s);
/* a handle (an opaque void *) of a new object of the peer's language holding v */
void *make_box(int32_t v);
/* the value held by the object behind handle h */
int32_t unbox(void *h);
#endif
