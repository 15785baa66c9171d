#ifndef CERR_H
#define CERR_H
int answer(void);
#endif
