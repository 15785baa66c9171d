#ifndef HOSTED_H
#define HOSTED_H
int square(int x);
int init_count(void);
#endif
