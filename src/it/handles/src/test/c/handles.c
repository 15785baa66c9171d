#include <stdio.h>
#include "hnd.h"

static int checks, failures;
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    fprintf(stderr, "FAILED at line %d: %s\n", __LINE__, #cond); } } while (0)

int main(void) {
    /* 10,000 round trips: made in Java, kept by C, recovered in Java, released */
    int bad = 0;
    for (int64_t i = 0; i < 10000; i++) {
        void *h = counter_new(i);
        if (h == NULL || counter_add(h, 1) != i + 1 || counter_add(h, 1) != i + 2 || counter_free(h) != i + 2) {
            bad++;
        }
    }
    CHECK(bad == 0);
    CHECK(live_handles() == 0);

    /* many alive at once, all distinct */
    void *many[1000];
    for (int i = 0; i < 1000; i++) {
        many[i] = counter_new(i);
    }
    CHECK(live_handles() == 1000);
    int distinct = 1;
    for (int i = 1; i < 1000; i++) {
        distinct &= many[i] != many[i - 1];
    }
    CHECK(distinct);
    int64_t sum = 0;
    for (int i = 0; i < 1000; i++) {
        sum += counter_free(many[i]);
    }
    CHECK(sum == 999 * 1000 / 2);
    CHECK(live_handles() == 0);

    /* a stale handle (released; its slot reused since) and a foreign pointer are errors, not crashes */
    void *stale = counter_new(5);
    CHECK(counter_free(stale) == 5);
    void *reuse = counter_new(7);
    fprintf(stderr, "-- stale:\n");
    CHECK(counter_add(stale, 1) == -1);
    CHECK(counter_free(stale) == -1);
    CHECK(counter_add(reuse, 1) == 8);
    int local = 0;
    fprintf(stderr, "-- foreign:\n");
    CHECK(counter_add(&local, 1) == -1);
    CHECK(counter_add(NULL, 1) == -1);
    CHECK(counter_free(reuse) == 8);
    CHECK(live_handles() == 0);

    printf("%s: %d checks\n", failures == 0 ? "all passed" : "FAILURES", checks);
    return failures == 0 ? 0 : 1;
}
