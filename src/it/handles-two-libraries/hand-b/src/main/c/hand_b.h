#ifndef HAND_B_H
#define HAND_B_H
#include <stdint.h>
/* A Java counter of library B, as an opaque handle. */
void *b_new(int64_t value);
/* The counter's value; -1 when the handle is not a live handle of library B. */
int64_t b_get(void *handle);
/* Releases the handle and returns the counter's value; -1 when it is not a live handle of library B. */
int64_t b_free(void *handle);
#endif
