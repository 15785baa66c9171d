#ifndef CR_A_H
#define CR_A_H
int a_ping(void);
#endif
