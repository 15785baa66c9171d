/* User C that init code calls (through FFM), and that calls back into the library's own exported function. */
#include "rt_threads.h"

__attribute__((visibility("default"))) int reenter_add(int a, int b) {
    return add(a, b);
}
