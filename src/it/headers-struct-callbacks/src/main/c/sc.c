/* User C compiled into libsc.so. */
#include "sc.h"
#include "internal/internal.h"

cplx_t c_cmul(cplx_t a, cplx_t b) {
    cplx_t r = { a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re };
    return r;
}

big_t c_big(int64_t seed) {
    big_t r = { seed, seed * 10, seed * 100 };
    return r;
}
