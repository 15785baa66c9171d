#include <stdio.h>
#include <string.h>
#include "sc.h"

static int checks, failures;
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    fprintf(stderr, "FAILED at line %d: %s\n", __LINE__, #cond); } } while (0)

static vec_t c_sub(vec_t a, vec_t b) {
    vec_t r = { a.x - b.x, a.y - b.y };
    return r;
}

static mixed_t c_flip(mixed_t m) {
    mixed_t r = m;
    r.at.x = m.at.y;
    r.at.y = m.at.x;
    r.w = -m.w;
    r.tag[0] = 'Z';
    return r;
}

static anon_pt c_anon(anon_pt p) {
    anon_pt r = { .id = p.id + 1, .x = p.y, .y = p.x };
    return r;
}

int main(void) {
    /* Java calls a C pointer with structs by value (invoke) */
    vec_t a = { 5, 7 }, b = { 1, 2 };
    vec_t d = java_apply(c_sub, a, b);
    CHECK(d.x == 4 && d.y == 5);
    mixed_t m = { { 3, 9 }, 1.5f, { 'a', 'b', 'c' } };
    mixed_t f = java_apply_mixed(c_flip, m);
    CHECK(f.at.x == 9 && f.at.y == 3 && f.w == -1.5f && f.tag[0] == 'Z' && f.tag[1] == 'b' && f.tag[2] == 'c');
    printf("invoke: c_sub -> {%d, %d}, c_flip -> {{%d, %d}, %.1f, %.3s}\n", d.x, d.y, f.at.x, f.at.y, f.w, f.tag);

    /* C calls Java lambdas (allocate) with structs by value */
    vec_op_t add = java_adder();
    vec_t s = add(a, b);
    CHECK(s.x == 6 && s.y == 9);
    /* through Java's invoke too: Java -> C pointer that is a Java lambda */
    vec_t s2 = java_apply(add, b, b);
    CHECK(s2.x == 2 && s2.y == 4);
    vec_t bad = { 666, 1 };
    vec_t z = add(bad, b);
    CHECK(z.x == 0 && z.y == 0);
    big_op_t scale = java_scaler();
    big_t big = { 1, -2, 3000000000LL };
    big_t r = scale(big, 10);
    CHECK(r.a == 10 && r.b == -20 && r.c == 30000000000LL);
    big_t e = scale(big, 0);
    CHECK(e.a == -1 && e.b == -1 && e.c == -1);
    mixed_op_t move = java_mover();
    mixed_t mv = move(m);
    CHECK(mv.at.x == 4 && mv.at.y == 10 && mv.w == 3.0f && memcmp(mv.tag, "cba", 3) == 0);
    printf("allocate: add -> {%d, %d}, throwing add -> {%d, %d}, scale -> {%lld, %lld, %lld}, throwing scale -> {%lld, %lld, %lld}, move -> {{%d, %d}, %.1f, %.3s}\n",
           s.x, s.y, z.x, z.y, (long long) r.a, (long long) r.b, (long long) r.c,
           (long long) e.a, (long long) e.b, (long long) e.c, mv.at.x, mv.at.y, mv.w, mv.tag);

    /* a per-pointer error value */
    checked_t checked = java_checked();
    CHECK(checked(21) == 42);
    CHECK(checked(-5) == -1);
    printf("error value: checked(21) = %d, throwing checked(-5) = %d\n", checked(21), checked(-5));

    /* internal downcalls taking and returning structs by value */
    cplx_t x = { 1, 2 }, y = { 3, 4 };
    cplx_t p = java_cmul(x, y);
    CHECK(p.re == -5 && p.im == 10);
    CHECK(java_big_sum(3) == 333);
    printf("downcall: c_cmul -> %.0f%+.0fi, c_big sum -> %lld\n", p.re, p.im, (long long) java_big_sum(3));

    /* the address of a Java-implemented internal function */
    int_fn_t twice = java_twice_address();
    CHECK(twice != NULL && twice(21) == 42);
    printf("address: j_twice$address()(21) = %d\n", twice ? twice(21) : -999);

    /* anonymous members, read and written by Java as tagged_t's own */
    tagged_t t1 = { .kind = 0, .i = 40, .lo = 2, .hi = 0 };
    tagged_t t2 = { .kind = 1, .f = 7.5f, .lo = 3, .hi = 0 };
    int r1 = java_tagged(&t1), r2 = java_tagged(&t2);
    CHECK(r1 == 42 && t1.hi == 99);
    CHECK(r2 == 10 && t2.hi == 99);
    printf("anonymous members: java_tagged -> %d (hi %d), %d (hi %d)\n", r1, t1.hi, r2, t2.hi);

    anon_pt ap = { .id = 7, .x = 1.25f, .y = -2.5f };
    anon_pt aq = java_anon(c_anon, ap);
    CHECK(aq.id == 8 && aq.x == -2.5f && aq.y == 1.25f);
    printf("anonymous member by value: c_anon -> {%d, %.2f, %.2f}\n", aq.id, aq.x, aq.y);

    printf("%s: %d checks\n", failures == 0 ? "all passed" : "FAILURES", checks);
    return failures == 0 ? 0 : 1;
}
