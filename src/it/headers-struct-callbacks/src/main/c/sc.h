#ifndef SC_H
#define SC_H
#include <stdint.h>

typedef struct { int32_t x, y; } vec_t;          /* two ints: one integer register */
typedef struct { double re, im; } cplx_t;         /* two doubles: two SSE registers */
typedef struct { int64_t a, b, c; } big_t;        /* 24 bytes: passed and returned in memory */
typedef struct { vec_t at; float w; char tag[3]; } mixed_t;  /* nested struct, float, array, padding */

typedef vec_t (*vec_op_t)(vec_t a, vec_t b);
typedef big_t (*big_op_t)(big_t a, int32_t k);
typedef mixed_t (*mixed_op_t)(mixed_t m);
typedef int32_t (*checked_t)(int32_t x);
typedef int32_t (*int_fn_t)(int32_t x);

/* Java calls op(a, b) through vec_op_t.invoke and returns what it returned. */
vec_t java_apply(vec_op_t op, vec_t a, vec_t b);
/* Java calls op(m) through mixed_op_t.invoke. */
mixed_t java_apply_mixed(mixed_op_t op, mixed_t m);
/* Java lambdas made into C pointers by allocate: a + b (throws when a.x == 666: C gets {0, 0}) */
vec_op_t java_adder(void);
/* a * k member-wise (throws when k == 0: C gets the error value {-1, -1, -1}) */
big_op_t java_scaler(void);
/* moves m by {1, 1}, w * 2, tag reversed */
mixed_op_t java_mover(void);
/* 2 * x; throws when x < 0: C gets -1, the error value given to allocate */
checked_t java_checked(void);
/* Java multiplies through the user-C function c_cmul (an internal downcall taking and returning structs). */
cplx_t java_cmul(cplx_t a, cplx_t b);
/* Java sums the big_t the user-C function c_big returns (a struct returned in memory). */
int64_t java_big_sum(int64_t seed);
/* The address of the internal function j_twice, which Java implements (@Export): C calls it. */
int_fn_t java_twice_address(void);

/* C11 anonymous members: their members are tagged_t's own, for C and for Java's view. */
typedef struct {
    int32_t kind;
    union { int32_t i; float f; };
    struct { int16_t lo, hi; };
} tagged_t;
/* Java reads kind, i or f, lo and hi, writes hi = 99 and returns i (kind 0) or (int) f (kind 1), plus lo. */
int32_t java_tagged(tagged_t *t);
/* An anonymous struct member by value: FFM sees its members where the compiler put them. */
typedef struct { int32_t id; struct { float x, y; }; } anon_pt;
typedef anon_pt (*anon_fn_t)(anon_pt p);
/* Java calls fn(p) through anon_fn_t.invoke. */
anon_pt java_anon(anon_fn_t fn, anon_pt p);
#endif
