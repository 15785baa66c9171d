/* JEMBED_JAVA_HOME at a JDK 17 (older than the 22 jembed needs): a failed start whose diagnostic names the JDK found,
 * its version and the 22+ requirement; error values; the host goes on. Runs in a fresh process with a time limit. */
#include "harness.h"
#include "old_jdk.h"

#define JDK17 "/usr/lib/jvm/java-17-openjdk-amd64"

int main(int argc, char **argv) {
    if (argc > 1) {
        harness_child();
        printf("  twice(4) = %lld\n", (long long)twice(4));
        printf("  explicit start: %d\n", old_jdk_start());
        printf("  twice(5) = %lld\n", (long long)twice(5));
        return 0;
    }
    if (access(JDK17 "/lib/server/libjvm.so", R_OK) != 0) {
        printf("no JDK 17 at " JDK17 " (install openjdk-17-jdk-headless)\n");
        return 1;
    }
    setenv("JEMBED_JAVA_HOME", JDK17, 1);
    harness_run(argv[0], "jdk-17", 60);
    return 0;
}
