package org.jembed.core.header;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jembed.core.ToolCall;

/**
 * A compiler for one target, as the tests run it: the driver, the options that select the target, and the Debian
 * package that installs the driver ({@code .ci/run} installs them all). A missing driver fails the test, naming the
 * package; it never skips it.
 *
 * @param name    the target, as the tests name it (the Maven classifier where there is one)
 * @param driver  the compiler driver
 * @param options options that select the target, e.g. {@code -target arm64-apple-macos}
 * @param debian  the Debian package with the driver
 */
record Target(String name, String driver, List<String> options, String debian) {

    static final Target LINUX_X86_64 = new Target("linux-x86_64", "gcc", List.of(), "gcc");
    static final Target LINUX_AARCH_64 = new Target("linux-aarch_64", "aarch64-linux-gnu-gcc", List.of(),
            "gcc-aarch64-linux-gnu");
    static final Target WINDOWS_X86_64 = new Target("windows-x86_64", "x86_64-w64-mingw32-gcc", List.of(),
            "gcc-mingw-w64-x86-64");
    /** clang needs no macOS SDK for a header that includes only its own headers ({@code stddef.h}). */
    static final Target OSX_AARCH_64 = new Target("osx-aarch_64", "clang", List.of("-target", "arm64-apple-macos"), "clang");

    /** Fails the test unless the driver runs. */
    Target require() {
        try {
            ToolCall call = ToolCall.run(List.of(driver, "--version"), Path.of("."));
            if (!call.succeeded()) {
                fail(driver + " --version failed (" + call.summary() + "); reinstall the Debian package " + debian);
            }
        } catch (IOException e) {
            fail(driver + " is not installed; install the Debian package " + debian + " (.ci/run does): " + e.getMessage());
        }
        return this;
    }

    /** {@code driver options... -c source -o object} in {@code dir}, failing the test with the compiler's output. */
    Path compile(Path dir, Path source, Path object, String... more) throws IOException {
        require();
        List<String> command = new ArrayList<>(List.of(driver));
        command.addAll(options);
        command.addAll(List.of(more));
        command.addAll(List.of("-c", source.toString(), "-o", object.toString()));
        ToolCall call = ToolCall.run(command, dir);
        if (!call.succeeded()) {
            fail(String.join(" ", command) + " failed: " + call.stderr());
        }
        return object;
    }

    @Override
    public String toString() {
        return name;
    }
}
