#ifndef SECURE_ADD_H
#define SECURE_ADD_H
int add(int a, int b);
#endif
