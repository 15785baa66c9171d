/* The "Java calls C" benchmark: the driver calls in once per figure, Java makes the calls and times them. */
#ifndef DOWNCALL_H
#define DOWNCALL_H
#include <stdint.h>
#include "target.h"

/* Calls target_inc n times from Java the way `which` says (0: the generated downcall, by the function's address;
 * 1: a hand-written FFM downcall through a static final MethodHandle; 2: the generated downcall through
 * target_inc_pointer) after as many calls of warm-up, and returns the time per call in picoseconds. */
int64_t java_calls_c(int32_t which, int64_t n);
#endif
