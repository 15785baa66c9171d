#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "handlers.h"

static int checks, failures;
#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    fprintf(stderr, "FAILED at line %d: %s\n", __LINE__, #cond); } } while (0)

static void reset(ctx_t *c) {
    memset(c, 0, sizeof *c);
}

int main(void) {
    ctx_t c;
    /* a handler of its own, with the arguments: it replies, and its value goes to C */
    reset(&c);
    CHECK(cmd_own(&c, 3) == 0 && strcmp(c.reply, "+OK 3") == 0 && c.replies == 1);
    reset(&c);
    CHECK(cmd_own(&c, -4) == -2 && strcmp(c.reply, "-ERR own negative: -4") == 0 && c.replies == 1);
    /* the library's default handler, with the arguments */
    reset(&c);
    CHECK(cmd_a(&c, 1) == 0 && strcmp(c.reply, "+A 1") == 0);
    reset(&c);
    CHECK(cmd_a(&c, -1) == -1 && strcmp(c.reply, "-ERR IllegalStateException a: -1") == 0 && c.replies == 1);
    reset(&c);
    CHECK(cmd_b(&c, "key") == 0 && strcmp(c.reply, "+B 3") == 0);
    reset(&c);
    CHECK(cmd_b(&c, NULL) == -1 && strcmp(c.reply, "-ERR NullPointerException (no key)") == 0);
    /* the default handler without arguments */
    CHECK(ratio(6, 3) == 2 && isnan(ratio(1, 0)));

    /* errno: kept across calls that do not set it (also the first call, which starts the JVM: made above) */
    errno = 7;
    CHECK(plain(1000) == 1000 && errno == 7);
    errno = 0;
    CHECK(plain(10) == 10 && errno == 0);
    /* written through a pointer that is errno: reaches the caller */
    errno = 5;
    CHECK(write_through(&errno, 34) == 0 && errno == 34);
    /* through any other pointer: written there, errno kept */
    int other = 0;
    errno = 9;
    CHECK(write_through(&other, 12) == 0 && other == 12 && errno == 9);
    /* Errno.set */
    errno = 0;
    CHECK(set_errno(22, 0) == 1 && errno == 22);
    errno = 3;
    CHECK(plain(5) == 5 && errno == 3); /* applies to its own call only */
    errno = 0;
    CHECK(set_errno(11, 1) == -1 && errno == 11); /* also when the call then throws */
    /* a failing call that does not set errno keeps the caller's */
    errno = 4;
    reset(&c);
    CHECK(cmd_a(&c, -2) == -1 && errno == 4);
    for (int i = 0; i < 20000; i++) { /* past the switch to FFM stubs with dispatch auto */
        errno = i;
        if (write_through(&errno, i + 1) != 0 || errno != i + 1 || plain(1) != 1 || (errno = 6, set_errno(8, 0)) != 1
            || errno != 8) {
            failures++;
            fprintf(stderr, "FAILED in loop at %d: errno %d\n", i, errno);
            break;
        }
    }
    checks++;
    printf("%s: %d checks\n", failures == 0 ? "all passed" : "FAILURES", checks);
    return failures == 0 ? 0 : 1;
}
