#ifndef OLD_JDK_H
#define OLD_JDK_H
#include <stdint.h>
int64_t twice(int64_t v);
int old_jdk_start(void);
#endif
