#ifndef CYC_B_H
#define CYC_B_H
/* 1 once B's init code (which calls A's a_value through FFM) has finished. */
int b_value(void);
#endif
