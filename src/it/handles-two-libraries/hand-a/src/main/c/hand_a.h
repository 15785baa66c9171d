#ifndef HAND_A_H
#define HAND_A_H
#include <stdint.h>
/* A Java counter of library A, as an opaque handle. */
void *a_new(int64_t value);
/* The counter's value; -1 when the handle is not a live handle of library A. */
int64_t a_get(void *handle);
/* Releases the handle and returns the counter's value; -1 when it is not a live handle of library A. */
int64_t a_free(void *handle);
#endif
