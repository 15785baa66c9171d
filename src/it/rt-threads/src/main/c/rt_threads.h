#ifndef RT_THREADS_H
#define RT_THREADS_H
int add(int a, int b);
/* How many times init code ran in this process. */
int init_count(void);
/* What init code got when it called user C, which called add(2, 3) on the initializing thread. */
int reentrant_result(void);
/* A per-thread counter kept in a Java ThreadLocal: 1, 2, 3, ... on each thread. */
int tl_next(void);
/* Live Java threads in the JVM. */
int live_java_threads(void);
/* Waits until a second thread is also inside rendezvous(); 1 when it came, 0 after timeout_ms. */
int rendezvous(int timeout_ms);
/* 1 when the JVM got -Drt.threads.env=hello, which only RT_THREADS_JVM_OPTIONS sets in these tests. */
int env_option_seen(void);
#endif
