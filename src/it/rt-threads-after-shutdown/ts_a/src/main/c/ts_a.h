#ifndef TS_A_H
#define TS_A_H
int a_ping(void);
int ts_a_shutdown(void);
#endif
