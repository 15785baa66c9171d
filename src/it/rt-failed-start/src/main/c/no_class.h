#ifndef NO_CLASS_H
#define NO_CLASS_H
#include <stdint.h>
int64_t twice(int64_t v);
int no_class_start(void);
#endif
