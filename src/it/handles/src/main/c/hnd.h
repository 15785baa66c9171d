#ifndef HND_H
#define HND_H
#include <stdint.h>

/* A Java counter object, as an opaque handle. */
void *counter_new(int64_t start);
/* Adds delta and returns the new value; -1 when the handle is not a live handle. */
int64_t counter_add(void *counter, int64_t delta);
/* Releases the handle and returns the counter's last value; -1 when it is not a live handle. */
int64_t counter_free(void *counter);
/* Handles made and not released. */
int32_t live_handles(void);
#endif
