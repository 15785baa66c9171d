#ifndef MATRIX_H
#define MATRIX_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifndef JEMBED_EXPORT
#define JEMBED_EXPORT extern
#endif

#define MATRIX_VERSION 3
#define MATRIX_BIG 0x123456789
#define MATRIX_NEGATIVE (-42)

typedef enum color { RED, GREEN = 5, BLUE } color_t;
typedef struct { int32_t x, y; } point_t;
typedef struct inner { double weight; uint8_t tag[4]; } inner_t;
typedef union number { int64_t i; double d; uint8_t bytes[8]; } number_t;
typedef struct opaque opaque_t;

/* A struct with every kind of member. */
typedef struct everything {
    int8_t i8; uint8_t u8; int16_t i16; uint16_t u16;
    int32_t i32; uint32_t u32; int64_t i64; uint64_t u64;
    float f; double d; bool b; color_t c;
    char name[16];
    point_t pts[2];
    inner_t inner;
    void *ptr;
    const char *text;
} everything_t;

/* Integers of every width, signed and unsigned: returned unchanged. */
JEMBED_EXPORT int8_t echo_i8(int8_t v);
JEMBED_EXPORT uint8_t echo_u8(uint8_t v);
JEMBED_EXPORT int16_t echo_i16(int16_t v);
JEMBED_EXPORT uint16_t echo_u16(uint16_t v);
JEMBED_EXPORT uint16_t echo_u16_char(uint16_t v);
JEMBED_EXPORT int32_t echo_i32(int32_t v);
JEMBED_EXPORT uint32_t echo_u32(uint32_t v);
JEMBED_EXPORT int64_t echo_i64(int64_t v);
JEMBED_EXPORT uint64_t echo_u64(uint64_t v);
JEMBED_EXPORT char echo_char(char v);
JEMBED_EXPORT signed char echo_schar(signed char v);
JEMBED_EXPORT unsigned char echo_uchar(unsigned char v);
JEMBED_EXPORT short echo_short(short v);
JEMBED_EXPORT unsigned short echo_ushort(unsigned short v);
JEMBED_EXPORT int echo_int(int v);
JEMBED_EXPORT unsigned int echo_uint(unsigned int v);
JEMBED_EXPORT long echo_long(long v);
JEMBED_EXPORT unsigned long echo_ulong(unsigned long v);
JEMBED_EXPORT long long echo_llong(long long v);
JEMBED_EXPORT unsigned long long echo_ullong(unsigned long long v);
JEMBED_EXPORT size_t echo_size(size_t v);
JEMBED_EXPORT ssize_t echo_ssize(ssize_t v);
JEMBED_EXPORT intptr_t echo_intptr(intptr_t v);
JEMBED_EXPORT uintptr_t echo_uintptr(uintptr_t v);
JEMBED_EXPORT ptrdiff_t echo_ptrdiff(ptrdiff_t v);
/* Java sees the bits: returns Long.toUnsignedString(v) of a uint64_t and Integer.toUnsignedString of a uint32_t. */
JEMBED_EXPORT const char *u64_text(uint64_t v);
JEMBED_EXPORT const char *u32_text(uint32_t v);
/* Eight parameters of mixed kinds, summed as double. */
JEMBED_EXPORT double mixed(int8_t a, uint16_t b, int32_t c, int64_t d, float e, double f, bool g, color_t h);

JEMBED_EXPORT float echo_float(float v);
JEMBED_EXPORT double echo_double(double v);
JEMBED_EXPORT bool echo_bool(bool v);
JEMBED_EXPORT bool negate(bool v);

/* Enums: Java uses the generated constants. */
JEMBED_EXPORT color_t next_color(color_t c);
JEMBED_EXPORT int64_t constants_sum(void);

/* Structs by pointer (views read and write C memory) and by value (in and out). */
JEMBED_EXPORT point_t add_points(point_t a, point_t b);
JEMBED_EXPORT int32_t point_sum(const point_t *p);
JEMBED_EXPORT void scale_point(point_t *p, int32_t k);
JEMBED_EXPORT everything_t copy_everything(everything_t e);
JEMBED_EXPORT void bump_everything(everything_t *e);
JEMBED_EXPORT point_t *same_point(point_t *p);

/* Unions through pointers. */
JEMBED_EXPORT int64_t number_bits(const number_t *n);
JEMBED_EXPORT void number_set_double(number_t *n, double d);

/* const char * as String (UTF-8, copied; NULL <-> null) and as MemorySegment. */
JEMBED_EXPORT const char *echo_string(const char *s);
JEMBED_EXPORT const char *shout(const char *s);
JEMBED_EXPORT int64_t utf8_bytes(const char *s);
JEMBED_EXPORT size_t raw_length(const char *s);

/* void *, T * and opaque struct pointers as MemorySegment. */
JEMBED_EXPORT void *echo_pointer(void *p);
JEMBED_EXPORT opaque_t *echo_opaque(opaque_t *o);
JEMBED_EXPORT int32_t *echo_int_pointer(int32_t *p);

/* Pointers to arrays with a length parameter. */
JEMBED_EXPORT int64_t sum_i32(const int32_t *xs, size_t n);
JEMBED_EXPORT void fill_squares(double *out, size_t n);
#endif
