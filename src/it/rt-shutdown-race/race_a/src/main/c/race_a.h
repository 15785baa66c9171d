#ifndef RACE_A_H
#define RACE_A_H
int a_ping(void);
/* Registers a Java shutdown hook that takes 1.5 s; returns 1. */
int a_slow_shutdown_hook(void);
int race_a_shutdown(void);
#endif
