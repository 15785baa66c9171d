#ifndef FAILING_INIT_H
#define FAILING_INIT_H
int answer(int x);
#endif
