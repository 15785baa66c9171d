/* A host function jumps out of a call into Java; the next call on the thread must say so (once), on stderr. */
#include "harness.h"
#include "jumpy.h"

int main(int argc, char **argv) {
    if (argc > 1) {
        harness_child();
        printf("  first: jumpy_call(0) = %d\n", (int)jumpy_call(0));
        if (setjmp(host_catch) == 0) {
            jumpy_call(7);
            printf("  host_fail returned\n");
        } else {
            printf("  the host caught the jump\n");
        }
        fflush(stdout);
        /* the report comes first, at the next call's entry; what the call does next is the JVM's business */
        jumpy_call(0);
        return 0;
    }
    harness_run(argv[0], "jump-then-call", 60);
    return 0;
}
