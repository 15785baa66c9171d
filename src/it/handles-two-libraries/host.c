/* Two jembed libraries in one process swap handles. Each must refuse the other's handle ("another library's
 * handle"), every time: the table ids of the two libraries are handed out in order (1, then 2), not at random. */
#include <inttypes.h>
#include <stdio.h>
#include "hand_a.h"
#include "hand_b.h"

#define PAIRS 20

/* Bits 55-48 of a handle: its library's table id. */
static unsigned table_of(void *handle) {
    return (unsigned)(((uintptr_t)handle >> 48) & 0xFF);
}

int main(void) {
    void *a = a_new(10);
    void *b = b_new(20);
    printf("A's table id: %u, B's table id: %u\n", table_of(a), table_of(b));
    printf("own handles: A %" PRId64 ", B %" PRId64 "\n", a_get(a), b_get(b));
    fprintf(stderr, "-- B given A's handle:\n");
    printf("B given A's handle: %" PRId64 "\n", b_get(a));
    fprintf(stderr, "-- A given B's handle:\n");
    printf("A given B's handle: %" PRId64 "\n", a_get(b));
    fprintf(stderr, "-- B releasing A's handle:\n");
    printf("B releasing A's handle: %" PRId64 "\n", b_free(a));
    printf("after the swaps: A %" PRId64 ", B %" PRId64 "\n", a_get(a), b_get(b));

    /* More handles, more slots and generations: none is ever accepted by the other library. */
    void *as[PAIRS], *bs[PAIRS];
    int refused = 0, kept = 0;
    fprintf(stderr, "-- %d more swaps each way:\n", PAIRS);
    for (int i = 0; i < PAIRS; i++) {
        as[i] = a_new(100 + i);
        bs[i] = b_new(200 + i);
        refused += b_get(as[i]) == -1;
        refused += a_get(bs[i]) == -1;
    }
    for (int i = 0; i < PAIRS; i++) {
        kept += a_free(as[i]) == 100 + i;
        kept += b_free(bs[i]) == 200 + i;
    }
    printf("swapped handles refused: %d of %d; own handles intact: %d of %d\n", refused, 2 * PAIRS, kept, 2 * PAIRS);
    printf("released: A %" PRId64 ", B %" PRId64 "\n", a_free(a), b_free(b));
    return 0;
}
