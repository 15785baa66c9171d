/* What Java calls in the benchmark, declared as a host's API declares it: a function (called by its address) and
 * a variable holding a function pointer (called through it, as Redis modules call RedisModule_*). */
#ifndef TARGET_H
#define TARGET_H
#include <stdint.h>

/* x + 1 */
int32_t target_inc(int32_t x);
/* points to target_inc */
extern int32_t (*target_inc_pointer)(int32_t x);
/* the address of target_inc, for a hand-written downcall handle */
extern void *target_inc_address;
#endif
