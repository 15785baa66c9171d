/* JVM options the JVM treats as fatal during its own initialisation (an agent that cannot be loaded, impossible heap
 * sizes), and options it refuses, all given through FATAL_OPTIONS_JVM_OPTIONS: each is a failed start like any
 * other: one diagnostic, error values, the explicit start returns -1, and the host goes on and exits normally.
 * Each case runs in a fresh process with a time limit. */
#include "harness.h"
#include "fatal_options.h"

static const char *const cases[][2] = {
    { "unknown-agent", "-agentlib:nosuchagent" },
    { "missing-agent-path", "-agentpath:/nonexistent/libagent.so" },
    { "unrecognised-option", "-Xbogus" },
    { "unrecognised-xx-option", "-XX:+NoSuchJembedOption" },
    { "tiny-max-heap", "-Xmx1k" },
    { "initial-above-max-heap", "-Xms2g -Xmx1g" },
};

int main(int argc, char **argv) {
    if (argc > 1) {
        harness_child();
        printf("  twice(4) = %lld\n", (long long)twice(4));
        printf("  explicit start: %d\n", fatal_options_start());
        printf("  twice(5) = %lld\n", (long long)twice(5));
        return 0;
    }
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        setenv("FATAL_OPTIONS_JVM_OPTIONS", cases[i][1], 1);
        harness_run(argv[0], cases[i][0], 60);
    }
    return 0;
}
