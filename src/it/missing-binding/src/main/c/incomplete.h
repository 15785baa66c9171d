#ifndef INCOMPLETE_H
#define INCOMPLETE_H
int implemented(int x);
int forgotten(int x, int y);
long mismatched(long v);
#endif
