#ifndef CYC_A_H
#define CYC_A_H
/* 1 once A's init code (which calls B's b_value through FFM) has finished. */
int a_value(void);
#endif
