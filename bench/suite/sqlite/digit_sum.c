/* The C peer of the SQLite workload: digit_sum in C, linked with the same user C (jembed/sqlfn/src/main/c/sqlfn.c). */
#include "internal/sqlfn_internal.h"

int64_t digit_sum(const char *s) {
    int64_t sum = 0;
    for (; *s != '\0'; s++) {
        if (*s >= '0' && *s <= '9') sum += *s - '0';
    }
    return sum;
}
