#ifndef STOPPABLE_H
#define STOPPABLE_H
int value(void);
/* Sleeps ms milliseconds in Java. */
int slow(int ms);
int stoppable_shutdown(void);
#endif
