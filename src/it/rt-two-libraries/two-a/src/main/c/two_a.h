#ifndef TWO_A_H
#define TWO_A_H
#include <stdint.h>
/* 1 once A's init code has finished (it sleeps 2 s). */
int a_ready(void);
int a_counter(void);
int64_t a_loader_id(void);
#endif
