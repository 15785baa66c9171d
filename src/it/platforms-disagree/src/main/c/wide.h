#ifndef WIDE_H
#define WIDE_H
/* Fine on Linux, where long is 8 bytes on x86-64 and AArch64 alike; on Windows (LLP64) it is 4. */
typedef struct { char tag; long value; } record_t;
#define LIMIT 1000000L

long total(unsigned long n, record_t r);
int same(int x);
#ifdef _WIN32
int windows_only(void);
#endif

#endif
