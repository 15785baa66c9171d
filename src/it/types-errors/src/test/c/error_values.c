#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "errs.h"

static int checks, failures;
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    fprintf(stderr, "FAILED at line %d: %s\n", __LINE__, #cond); } } while (0)

int main(void) {
    CHECK(f_i32(false) == 5 && f_i32(true) == -1);
    CHECK(f_i64(false) == 5 && f_i64(true) == INT64_MIN);
    CHECK(f_u64(false) == 5 && f_u64(true) == UINT64_MAX);
    CHECK(f_u8(false) == 5 && f_u8(true) == 255);
    CHECK(f_double(false) == 5 && isnan(f_double(true)));
    CHECK(f_float(false) == 5 && isinf(f_float(true)) && f_float(true) < 0);
    CHECK(f_bool(false) == false && f_bool(true) == true);
    CHECK(f_status(false) == OK && f_status(true) == WORSE);
    CHECK(f_pointer(false) == (void *)16 && f_pointer(true) == NULL);
    CHECK(f_default(false) == 5 && f_default(true) == 0);
    point_t p = f_point(false);
    CHECK(p.x == 5 && p.y == 6);
    p = f_point(true);
    CHECK(p.x == 0 && p.y == 0);

    CHECK(h_i32(7) == 7 && h_i32(-1) == 1000 + 8);
    CHECK(strcmp(h_string("abc"), "ABC") == 0);
    CHECK(strcmp(h_string(NULL), "recovered: NullPointerException") == 0);
    p = h_point(12);
    CHECK(p.x == 12 && p.y == -12);
    h_void(false);
    h_void(true);
    h_void(true);
    CHECK(handled_count() == 2);
    CHECK(h_throws() == -7);
    printf("%s: %d checks\n", failures == 0 ? "all passed" : "FAILURES", checks);
    return failures == 0 ? 0 : 1;
}
