#ifndef USERC_H
#define USERC_H
#include <stdint.h>

#ifndef JEMBED_EXPORT
#define JEMBED_EXPORT extern
#endif

typedef struct { int32_t x, y; } point_t;

/* Globals: defined in user C (src/main/c/userc.c), exported, read and written by Java and by C. */
JEMBED_EXPORT int32_t call_count;
JEMBED_EXPORT double ratio;
JEMBED_EXPORT point_t origin;
JEMBED_EXPORT int32_t history[4];
JEMBED_EXPORT const char *label;
JEMBED_EXPORT const int32_t limit;

/* Java adds 'by' to call_count and returns it. */
int32_t java_bump(int32_t by);
/* Java reads every global: call_count + origin.x + origin.y + history[3] + strlen(label) + limit + ratio * 10. */
int32_t java_read_all(void);
/* Java writes: origin = {x, -x}, history[i] = i * x, ratio = x / 4.0, label = a string of its own. */
void java_write_all(int32_t x);
/* Java calls the user-C function c_triple(x), which calls the Java-implemented j_add_one(x): 3 * (x + 1). */
int32_t through_c(int32_t x);
#endif
