#ifndef ABI_H
#define ABI_H
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#ifndef JEMBED_EXPORT
#define JEMBED_EXPORT extern
#endif

/* every kind of macro: LEVEL comes from <compilerOptions> (-DLEVEL=3) */
#define ALL_ONES UINT64_MAX
#define NO_SIZE ((size_t)-1)
#define BIG 18446744073709551615ULL
#define MASK 0xffffffffu
#define NEG (-7)
#define GREETING "h\xc3\xa9llo \"abi\""
#define RATIO 0.25
#define HALF 0.5f
#define RECORD_BYTES (sizeof(packed_t) + LEVEL)
#define NOT_A_CONSTANT (time(NULL))

typedef struct __attribute__((packed)) { uint8_t tag; uint32_t value; uint16_t port; } packed_t;

#pragma pack(push, 1)
typedef struct { char c; double d; int32_t n; } pragma_t;
#pragma pack(pop)

enum flags { FLAG_NONE, FLAG_ALL = 0xffffffffu };

/* increments *counter through a volatile pointer; returns the new value */
JEMBED_EXPORT int at_vol(volatile int *counter);
/* returns tag + port, and adds one to value */
JEMBED_EXPORT int packed_sum(packed_t *p);
/* writes c = 'x', d, n = 42 */
JEMBED_EXPORT int pragma_fill(pragma_t *restrict p, double d);
/* a packed struct by value */
JEMBED_EXPORT pragma_t pragma_make(int32_t n);
JEMBED_EXPORT time_t add_seconds(time_t t, int32_t seconds);
/* writes text and a newline to out (Java calls fputs) */
JEMBED_EXPORT int write_line(FILE *out, const char *restrict text);
/* 0 when every Java constant has the compiler's value */
JEMBED_EXPORT int constants_mismatches(void);

/* a function-pointer variable without a typedef (defined in user C): Java gets abi_h.abi_hook.invoke/allocate */
JEMBED_EXPORT int (*abi_hook)(int);
/* sets abi_hook to a Java lambda (x * 3); then calls it through the pointer from Java */
JEMBED_EXPORT int install_hook(int x);

static inline int twice(int x) { return 2 * x; }

#endif
