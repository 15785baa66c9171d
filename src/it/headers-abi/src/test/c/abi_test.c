#include <stdio.h>
#include <string.h>
#include "abi.h"

static int checks, failures;
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    fprintf(stderr, "FAILED at line %d: %s\n", __LINE__, #cond); } } while (0)

int main(void) {
    volatile int counter = 5;
    CHECK(at_vol(&counter) == 6 && counter == 6);

    CHECK(sizeof(packed_t) == 7 && sizeof(pragma_t) == 13);
    packed_t p = { 7, 0x01020304u, 8080 };
    CHECK(packed_sum(&p) == 7 + 8080);
    CHECK(p.value == 0x01020305u && p.tag == 7 && p.port == 8080);

    pragma_t q = { 0, 0, 0 };
    CHECK(pragma_fill(&q, 2.5) == 0 && q.c == 'x' && q.d == 2.5 && q.n == 42);
    pragma_t r = pragma_make(9);
    CHECK(r.c == 'm' && r.d == 1.5 && r.n == 9);

    CHECK(add_seconds((time_t)1700000000, 60) == (time_t)1700000060);

    FILE *f = tmpfile();
    CHECK(f != NULL && write_line(f, "through FILE *") >= 0);
    char line[64] = "";
    rewind(f);
    CHECK(fgets(line, sizeof line, f) != NULL && strcmp(line, "through FILE *\n") == 0);
    fclose(f);

    CHECK(twice(21) == 42);
    CHECK(abi_hook == NULL && install_hook(5) == 15 && abi_hook != NULL && abi_hook(14) == 42);
    CHECK(constants_mismatches() == 0);
    CHECK(MASK == 0xffffffffu && FLAG_ALL == 0xffffffffu && sizeof(NO_SIZE) == 8);

    if (failures) {
        fprintf(stderr, "%d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("all passed: %d checks\n", checks);
    return 0;
}
