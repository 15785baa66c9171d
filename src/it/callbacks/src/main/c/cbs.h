#ifndef CBS_H
#define CBS_H
#include <stdint.h>

typedef int32_t (*binary_op_t)(int32_t a, int32_t b, void *user_data);
typedef void (*notify_t)(const char *message, void *user_data);
typedef double unary_fn(double x);   /* a function type, used through a pointer */

/* Java keeps the callback and its user data; 0 on success, -1 for NULL. */
int32_t register_op(binary_op_t op, void *user_data);
/* Java calls the stored callback on the calling thread. */
int32_t apply_stored(int32_t a, int32_t b);
/* Java calls the stored callback on a new Java thread and waits for it. */
int32_t apply_on_java_thread(int32_t a, int32_t b);
/* Java calls f(x) at once. */
double apply_unary(unary_fn *f, double x);
/* Java keeps a notifier; notify_all calls it with a C string Java makes. */
void register_notify(notify_t cb, void *user_data);
void notify_all(const char *message);
#endif
