#include "target.h"

int32_t target_inc(int32_t x) {
    return x + 1;
}

int32_t (*target_inc_pointer)(int32_t x) = target_inc;
void *target_inc_address = (void *)target_inc;
