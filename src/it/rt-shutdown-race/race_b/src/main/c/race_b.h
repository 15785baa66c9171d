#ifndef RACE_B_H
#define RACE_B_H
/* 1; B's init code takes 1.5 s. */
int b_ping(void);
#endif
