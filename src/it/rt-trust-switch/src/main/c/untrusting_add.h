#ifndef UNTRUSTING_ADD_H
#define UNTRUSTING_ADD_H
int add(int a, int b);
#endif
