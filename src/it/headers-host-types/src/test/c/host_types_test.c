#include <stdio.h>
#include <stdlib.h>
#include "plugin.h"

static int checks, failures;
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    fprintf(stderr, "FAILED at line %d: %s\n", __LINE__, #cond); } } while (0)

int main(void) {
    host_request *r = host_request_new(4);
    r->ready = 1;
    r->mode = -3;
    r->kind = 42;
    r->number = 1234567890123LL;
    r->wide = 7;
    r->precise = 1.25L;
    CHECK(plugin_handle(r) == 10 + 20 + 30 + 40);
    CHECK(r->dirty == 1 && r->mode == 5 && r->ready == 1);
    CHECK(r->real == 2.5);
    CHECK(r->values[0] == 10 && r->values[3] == 40);
    CHECK(r->wide == 7 && r->precise == 1.25L);   /* members without accessors are untouched */
    host_request_free(r);
    CHECK(plugin_round_trip(-8) == 1);
    CHECK(plugin_round_trip(7) == 1);
    if (failures) {
        fprintf(stderr, "%d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("all passed: %d checks\n", checks);
    return 0;
}
