#ifndef CROSS_H
#define CROSS_H
/* The C types whose size or signedness differs between targets (#10). */
#include <stddef.h>

typedef struct { char tag; long value; } record_t;
enum mode { MODE_OFF, MODE_ON };
#define LIMIT 1000000L

long total(unsigned long n, wchar_t w, size_t size, record_t r, enum mode m);
char grade(int score);

#endif
