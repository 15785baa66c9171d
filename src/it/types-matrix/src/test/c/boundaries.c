/* Sends boundary values through every row of the type table and checks what comes back. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "matrix.h"

static int checks, failures;

#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    fprintf(stderr, "FAILED at line %d: %s\n", __LINE__, #cond); } } while (0)

int main(void) {
    /* integers: every width, signed and unsigned, bits kept */
    CHECK(echo_i8(INT8_MIN) == INT8_MIN && echo_i8(INT8_MAX) == INT8_MAX && echo_i8(-1) == -1);
    CHECK(echo_u8(UINT8_MAX) == UINT8_MAX && echo_u8(0) == 0 && echo_u8(128) == 128);
    CHECK(echo_i16(INT16_MIN) == INT16_MIN && echo_i16(INT16_MAX) == INT16_MAX);
    CHECK(echo_u16(UINT16_MAX) == UINT16_MAX && echo_u16(32768) == 32768);
    CHECK(echo_u16_char(UINT16_MAX) == UINT16_MAX && echo_u16_char(0xE9) == 0xE9);
    CHECK(echo_i32(INT32_MIN) == INT32_MIN && echo_i32(INT32_MAX) == INT32_MAX && echo_i32(0) == 0);
    CHECK(echo_u32(UINT32_MAX) == UINT32_MAX && echo_u32(0x80000000u) == 0x80000000u);
    CHECK(echo_i64(INT64_MIN) == INT64_MIN && echo_i64(INT64_MAX) == INT64_MAX);
    CHECK(echo_u64(UINT64_MAX) == UINT64_MAX && echo_u64(0x8000000000000000ull) == 0x8000000000000000ull);
    CHECK(echo_char(CHAR_MIN) == CHAR_MIN && echo_char(CHAR_MAX) == CHAR_MAX && echo_char('A') == 'A');
    CHECK(echo_schar(SCHAR_MIN) == SCHAR_MIN && echo_schar(SCHAR_MAX) == SCHAR_MAX);
    CHECK(echo_uchar(UCHAR_MAX) == UCHAR_MAX);
    CHECK(echo_short(SHRT_MIN) == SHRT_MIN && echo_short(SHRT_MAX) == SHRT_MAX);
    CHECK(echo_ushort(USHRT_MAX) == USHRT_MAX);
    CHECK(echo_int(INT_MIN) == INT_MIN && echo_int(INT_MAX) == INT_MAX);
    CHECK(echo_uint(UINT_MAX) == UINT_MAX);
    CHECK(echo_long(LONG_MIN) == LONG_MIN && echo_long(LONG_MAX) == LONG_MAX);
    CHECK(echo_ulong(ULONG_MAX) == ULONG_MAX);
    CHECK(echo_llong(LLONG_MIN) == LLONG_MIN && echo_llong(LLONG_MAX) == LLONG_MAX);
    CHECK(echo_ullong(ULLONG_MAX) == ULLONG_MAX);
    CHECK(echo_size(SIZE_MAX) == SIZE_MAX && echo_ssize(-1) == -1 && echo_ssize(SSIZE_MAX) == SSIZE_MAX);
    CHECK(echo_intptr(INTPTR_MIN) == INTPTR_MIN && echo_uintptr(UINTPTR_MAX) == UINTPTR_MAX);
    CHECK(echo_ptrdiff(PTRDIFF_MIN) == PTRDIFF_MIN && echo_ptrdiff(PTRDIFF_MAX) == PTRDIFF_MAX);
    CHECK(strcmp(u64_text(UINT64_MAX), "18446744073709551615") == 0);
    CHECK(strcmp(u32_text(UINT32_MAX), "4294967295") == 0);
    CHECK(mixed(-8, 65535, -100000, 10000000000LL, 0.5f, 0.25, true, BLUE) == -8 + 65535 - 100000 + 10000000000.0 + 0.75 + 1 + 6);

    /* floating point: NaN, -0.0, infinities, extremes */
    CHECK(isnan(echo_float(NAN)) && isnan(echo_double(NAN)));
    CHECK(echo_double(-0.0) == 0.0 && signbit(echo_double(-0.0)));
    CHECK(echo_float(-0.0f) == 0.0f && signbit(echo_float(-0.0f)));
    CHECK(isinf(echo_double(-INFINITY)) && echo_double(-INFINITY) < 0 && isinf(echo_float(INFINITY)));
    CHECK(echo_float(FLT_MAX) == FLT_MAX && echo_float(FLT_MIN) == FLT_MIN && echo_float(FLT_TRUE_MIN) == FLT_TRUE_MIN);
    CHECK(echo_double(DBL_MAX) == DBL_MAX && echo_double(DBL_TRUE_MIN) == DBL_TRUE_MIN && echo_double(0.1) == 0.1);

    /* bool */
    CHECK(echo_bool(true) == true && echo_bool(false) == false && negate(true) == false && negate(false) == true);

    /* enums and #define constants */
    CHECK(next_color(RED) == GREEN && next_color(GREEN) == BLUE && next_color(BLUE) == RED);
    CHECK(constants_sum() == MATRIX_VERSION + MATRIX_BIG + MATRIX_NEGATIVE + BLUE);

    /* structs by value, in and out */
    point_t a = { INT32_MIN + 1, 7 }, b = { -1, INT32_MAX - 7 };
    point_t sum = add_points(a, b);
    CHECK(sum.x == INT32_MIN && sum.y == INT32_MAX);
    CHECK(a.x == INT32_MIN + 1 && a.y == 7);

    /* struct pointers: views read and write C memory; NULL <-> null */
    point_t p = { 20, 22 };
    CHECK(point_sum(&p) == 42);
    scale_point(&p, -3);
    CHECK(p.x == -60 && p.y == -66);
    CHECK(same_point(&p) == &p && same_point(NULL) == NULL);

    /* a struct with every member kind, by value both ways and through a pointer */
    int marker = 0;
    everything_t e = {
        INT8_MIN, UINT8_MAX, INT16_MIN, UINT16_MAX, INT32_MIN, UINT32_MAX, INT64_MIN, UINT64_MAX,
        -0.0f, NAN, true, GREEN, "héllo", { { 1, 2 }, { 3, 4 } }, { 2.5, { 9, 8, 7, 255 } }, &marker, "text",
    };
    everything_t c = copy_everything(e);
    CHECK(c.i8 == INT8_MIN && c.u8 == UINT8_MAX && c.i16 == INT16_MIN && c.u16 == UINT16_MAX);
    CHECK(c.i32 == INT32_MIN && c.u32 == UINT32_MAX && c.i64 == INT64_MIN && c.u64 == UINT64_MAX);
    CHECK(c.f == 0.0f && signbit(c.f) && isnan(c.d) && c.b == true && c.c == GREEN);
    CHECK(strcmp(c.name, "héllo") == 0);
    CHECK(c.pts[0].x == 1 && c.pts[0].y == 2 && c.pts[1].x == 3 && c.pts[1].y == 4);
    CHECK(c.inner.weight == 2.5 && c.inner.tag[0] == 9 && c.inner.tag[3] == 255);
    CHECK(c.ptr == &marker && c.text == e.text);
    CHECK(e.i32 == INT32_MIN); /* Java wrote its copy, not ours */
    e.d = 1.5;
    bump_everything(&e);
    CHECK(e.i8 == INT8_MIN + 1 && e.u8 == 0 && e.i16 == INT16_MIN + 1 && e.u16 == 0);
    CHECK(e.i32 == INT32_MIN + 1 && e.u32 == 0 && e.i64 == INT64_MIN + 1 && e.u64 == 0);
    CHECK(e.f == 1.0f && e.d == 2.5 && e.b == false && e.c == BLUE);
    CHECK(e.pts[1].x == 4 && e.inner.tag[3] == 0 && e.name[0] == 'J');

    /* unions through pointers */
    number_t n;
    n.i = INT64_MIN;
    CHECK(number_bits(&n) == INT64_MIN);
    number_set_double(&n, -0.0);
    CHECK((uint64_t)n.i == 0x8000000000000000ull && signbit(n.d));

    /* const char * as String: UTF-8 copied both ways, NULL <-> null, empty */
    const char *utf8 = "héllo wörld ✓ 日本 😀";
    const char *echoed = echo_string(utf8);
    CHECK(echoed != utf8 && strcmp(echoed, utf8) == 0);
    CHECK(strcmp(echo_string(""), "") == 0);
    CHECK(echo_string(NULL) == NULL);
    CHECK(utf8_bytes(utf8) == (int64_t)strlen(utf8) && utf8_bytes("") == 0 && utf8_bytes(NULL) == -1);
    /* a returned string stays valid until the same function returns again on the same thread */
    const char *first = echo_string("first");
    const char *loud = shout("quiet");
    CHECK(strcmp(first, "first") == 0 && strcmp(loud, "QUIET!") == 0);
    CHECK(strcmp(shout("ünïcode"), "ÜNÏCODE!") == 0);
    /* const char * as MemorySegment */
    CHECK(raw_length(utf8) == strlen(utf8) && raw_length("") == 0 && raw_length(NULL) == 0);

    /* pointers as MemorySegment: addresses kept, NULL <-> MemorySegment.NULL */
    CHECK(echo_pointer(&marker) == &marker && echo_pointer(NULL) == NULL);
    CHECK(echo_pointer((void *)UINTPTR_MAX) == (void *)UINTPTR_MAX);
    CHECK(echo_opaque((opaque_t *)&marker) == (opaque_t *)&marker && echo_int_pointer(&marker) == &marker);

    /* arrays with a length parameter */
    int32_t xs[5] = { INT32_MAX, INT32_MAX, INT32_MIN, -1, 5 };
    CHECK(sum_i32(xs, 5) == (int64_t)INT32_MAX * 2 + INT32_MIN + 4);
    CHECK(sum_i32(NULL, 0) == 0);
    double squares[6];
    fill_squares(squares, 6);
    CHECK(squares[0] == 0 && squares[5] == 25);

    printf("%s: %d checks\n", failures == 0 ? "all passed" : "FAILURES", checks);
    return failures == 0 ? 0 : 1;
}
