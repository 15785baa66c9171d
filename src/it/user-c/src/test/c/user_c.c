#include <stdio.h>
#include <string.h>
#include "userc.h"

int userc_start(void);        /* exported by <startFunction> */
int userc_early_start(void);  /* exported by user C, calls JEMBED_START() */

static int checks, failures;
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    fprintf(stderr, "FAILED at line %d: %s\n", __LINE__, #cond); } } while (0)

int main(void) {
    CHECK(userc_early_start() == 0);
    CHECK(userc_start() == 0);

    /* Java writes, C reads; C writes, Java reads */
    CHECK(call_count == 0 && java_bump(5) == 5 && call_count == 5);
    call_count = 100;
    CHECK(java_bump(1) == 101);
    origin.x = 10;
    origin.y = 20;
    history[3] = 7;
    ratio = 2.0;
    label = "abc";
    CHECK(java_read_all() == 101 + 10 + 20 + 7 + 3 + 1000 + 20);
    java_write_all(8);
    CHECK(origin.x == 8 && origin.y == -8 && history[0] == 0 && history[3] == 24 && ratio == 2.0);
    CHECK(strcmp(label, "set by Java") == 0);

    /* Java -> user C (downcall) -> Java (internal function) */
    CHECK(through_c(4) == 15 && through_c(-1) == 0);

    printf("%s: %d checks\n", failures == 0 ? "all passed" : "FAILURES", checks);
    return failures == 0 ? 0 : 1;
}
