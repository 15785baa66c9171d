#ifndef RACE_A_H
#define RACE_A_H
int a_ping(void);
int race_a_shutdown(void);
#endif
