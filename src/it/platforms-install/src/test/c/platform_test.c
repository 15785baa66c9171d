/* Runs on each platform of the build: natively on the build machine, which has a JDK, so the calls reach Java; under
 * qemu-aarch64 and wine, where no JVM of that platform exists, so the library's start fails and every call returns its
 * error value, 0, after the failed-start diagnostic on stderr. Prints what it got; exits 1 when it is not that. */
#include <stdio.h>

#include "multi.h"

#if defined(__linux__) && defined(__x86_64__)
#define PLATFORM "linux-x86_64"
#define HAS_JVM 1
#elif defined(__linux__) && defined(__aarch64__)
#define PLATFORM "linux-aarch_64"
#define HAS_JVM 0
#elif defined(_WIN64)
#define PLATFORM "windows-x86_64"
#define HAS_JVM 0
#else
#error "a platform this test does not know"
#endif

int main(void)
{
    point_t p = {3, 4};
    int32_t sum = add_point(&p);
    int64_t wide = widen(1);
    printf("%s: add_point %d, widen %lld\n", PLATFORM, (int) sum, (long long) wide);
    if (HAS_JVM) {
        return sum == 7 && wide == (int64_t) 1 << 32 ? 0 : 1;
    }
    return sum == 0 && wide == 0 ? 0 : 1;
}
