#ifndef CR_B_H
#define CR_B_H
int b_ping(void);
#endif
