#ifndef TS_B_H
#define TS_B_H
/* The number of live Java threads (Thread.getAllStackTraces().size()). */
int java_threads(void);
#endif
