/* A host whose calls answer through a context, as Redis commands reply through RedisModuleCtx, and errno. */
#ifndef HANDLERS_H
#define HANDLERS_H
#include <stdint.h>

typedef struct {
    char reply[96];      /* what the command answered */
    int32_t replies;     /* how many answers it gave */
} ctx_t;

/* Replies "+OK <n>" and returns 0; throws for n < 0: its own handler (with the arguments) replies with the error. */
int32_t cmd_own(ctx_t *ctx, int32_t n);
/* These have no handler of their own: the library's default (Replies.failed, with the arguments) replies. */
int32_t cmd_a(ctx_t *ctx, int32_t n);
int32_t cmd_b(ctx_t *ctx, const char *key);
/* The default handler's form without arguments (Replies.notANumber(Throwable)): NaN. */
double ratio(double a, double b);

/* errno: Java writes v through p (glibc's NSS errnop is &errno); returns 0. */
int32_t write_through(int *p, int32_t v);
/* Java sets errno to v with org.jembed.runtime.Errno and returns 1; throws too when fail (the default handler without
   arguments, Replies.minusOne(Throwable), gives -1). */
int32_t set_errno(int32_t v, int32_t fail);
/* Java leaves errno alone (and allocates, so that the JVM works on this thread): returns n. */
int32_t plain(int32_t n);
#endif
