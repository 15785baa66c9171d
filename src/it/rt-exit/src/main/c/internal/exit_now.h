/* Not exported: user C the Java side calls. */
#ifndef EXIT_NOW_H
#define EXIT_NOW_H
#include <stdint.h>
/* exit(status), from inside a Java call. */
void exit_now(int32_t status);
#endif
