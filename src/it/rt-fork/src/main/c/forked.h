#ifndef FORKED_H
#define FORKED_H
#include <stdint.h>
/* Called before the fork. */
int64_t warm(int64_t v);
/* Never called before the fork. */
int64_t cold(int64_t v);
/* Allocates mib MiB in 1 MiB arrays, then asks for a GC; returns mib. */
int32_t allocate(int32_t mib);
#endif
