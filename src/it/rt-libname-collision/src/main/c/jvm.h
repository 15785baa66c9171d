#ifndef JVM_H
#define JVM_H
int answer(void);
#endif
