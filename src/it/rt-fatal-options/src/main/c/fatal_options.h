#ifndef FATAL_OPTIONS_H
#define FATAL_OPTIONS_H
#include <stdint.h>
int64_t twice(int64_t v);
int fatal_options_start(void);
#endif
