#ifndef CLINIT_THROWS_H
#define CLINIT_THROWS_H
#include <stdint.h>
int64_t twice(int64_t v);
int clinit_throws_start(void);
#endif
