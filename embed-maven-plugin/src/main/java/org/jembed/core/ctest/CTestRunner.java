package org.jembed.core.ctest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jembed.core.Outputs;
import org.jembed.core.ToolCall;
import org.jembed.core.platform.LibraryFiles;
import org.jembed.core.platform.Platform;
import org.jembed.core.platform.Toolset;

/**
 * Runs the project's C tests: each {@code src/test/c/*.c} is compiled against the library with
 * {@code -Wall -Wextra -Werror} by the target's compiler, run, and passes when it exits 0 and, where a
 * {@code <test>.expected} file sits beside it, its standard output equals that file. Writes a JUnit-style XML report
 * per test, as Surefire does, so CI tools read the results.
 *
 * <p>For a cross build the programs are only compiled and linked (which proves they link against the library), unless
 * an emulator is configured (CMake's {@code CROSSCOMPILING_EMULATOR}): then each runs as
 * {@code <emulator...> <program>}, e.g. {@code qemu-aarch64 -L /usr/aarch64-linux-gnu test} or {@code wine test.exe}.
 * On Windows the DLL is copied beside the programs, where the loader looks first.
 */
public final class CTestRunner {

    /**
     * What to test.
     *
     * @param tools       the target's compiler (and whether this is a cross build)
     * @param testDir     the folder of test sources ({@code src/test/c})
     * @param includeDirs {@code -I} directories (the header's folder)
     * @param library     the built library file
     * @param files       its file names on the target ({@code -l<base>}; the Windows import library)
     * @param workDir     where test programs are built and run
     * @param reportsDir  where XML reports go
     * @param environment extra environment variables for the test programs (e.g. {@code JAVA_HOME}, the last place a
     *                    library looks for a JVM)
     * @param emulator    the command line that runs a program of the target on this machine, split into words, when
     *                    one is configured; used only for a cross build
     */
    public record Request(Toolset tools, Path testDir, List<Path> includeDirs, Path library, LibraryFiles files,
                          Path workDir, Path reportsDir, Map<String, String> environment, List<String> emulator) {

        /** Whether the test programs run: always for the build machine's platform, with an emulator for another. */
        public boolean runs() {
            return !tools.cross() || !emulator.isEmpty();
        }
    }

    /**
     * One test's outcome.
     *
     * @param name    the test's name (source file name without {@code .c})
     * @param passed  true when it compiled, and, if it ran, exited 0 and printed what was expected
     * @param ran     false when it was only compiled (a cross build without an emulator)
     * @param failure why it failed; empty when it passed
     * @param run     the test program's run, when it got that far
     */
    public record Outcome(String name, boolean passed, boolean ran, String failure, Optional<ToolCall> run) {}

    private CTestRunner() {
    }

    /**
     * Runs every test, in file-name order.
     *
     * @return one outcome per test; empty when there are none
     * @throws IOException when a file cannot be read or written, or the library cannot be copied beside the programs
     */
    public static List<Outcome> run(Request request) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        if (!Files.isDirectory(request.testDir())) {
            return outcomes;
        }
        List<Path> sources;
        try (Stream<Path> list = Files.list(request.testDir())) {
            sources = list.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        Files.createDirectories(request.workDir());
        if (request.tools().target().originToken().isEmpty()) {
            // Windows: the loader finds a DLL in the program's own folder
            Files.copy(request.library(), request.workDir().resolve(request.library().getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path source : sources) {
            outcomes.add(runOne(request, source));
        }
        return outcomes;
    }

    private static Outcome runOne(Request request, Path source) throws IOException {
        String file = source.getFileName().toString();
        String name = file.substring(0, file.length() - 2);
        Platform target = request.tools().target();
        Path program = request.workDir().resolve(name + target.executableSuffix());
        Path libDir = request.library().toAbsolutePath().getParent();
        List<String> cc = new ArrayList<>(List.of(request.tools().compiler(), "-std=gnu11", "-g", "-Wall", "-Wextra",
                "-Werror"));
        request.includeDirs().forEach(d -> cc.add("-I" + d.toAbsolutePath()));
        cc.addAll(List.of(source.toAbsolutePath().toString(), "-o", program.toAbsolutePath().toString(),
                "-L" + libDir, request.files().linkFlag()));
        cc.addAll(target.programRpath(libDir));
        cc.addAll(target.systemLibraries());
        ToolCall compile = ToolCall.run(cc, request.workDir());
        Outcome outcome;
        if (!compile.succeeded()) {
            outcome = new Outcome(name, false, true, "compiling " + file + " failed:\n" + compile.stderr(), Optional.empty());
        } else if (!request.runs()) {
            outcome = new Outcome(name, true, false, "", Optional.empty());
        } else {
            List<String> command = new ArrayList<>(request.tools().cross() ? request.emulator() : List.of());
            command.add(program.toAbsolutePath().toString());
            ToolCall run = ToolCall.run(command, request.workDir(), request.environment());
            Path expectedFile = source.resolveSibling(name + ".expected");
            if (!run.succeeded()) {
                outcome = new Outcome(name, false, true, name + " exited with status " + run.exitCode(), Optional.of(run));
            } else if (Files.isRegularFile(expectedFile)) {
                String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
                String actual = run.stdout().replace("\r\n", "\n");
                outcome = expected.equals(actual)
                        ? new Outcome(name, true, true, "", Optional.of(run))
                        : new Outcome(name, false, true, "standard output differs from " + expectedFile.getFileName()
                                + ":\n--- expected\n" + expected + "--- actual\n" + actual, Optional.of(run));
            } else {
                outcome = new Outcome(name, true, true, "", Optional.of(run));
            }
        }
        Outputs.write(request.reportsDir().resolve("TEST-" + name + ".xml"), report(outcome, request));
        return outcome;
    }

    private static String report(Outcome o, Request request) {
        double seconds = o.run().map(r -> r.duration().toNanos() / 1e9).orElse(0.0);
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"").append(xml(o.name())).append("\" tests=\"1\" failures=\"")
                .append(o.passed() ? 0 : 1).append("\" errors=\"0\" skipped=\"").append(o.ran() ? 0 : 1).append("\" time=\"")
                .append(String.format(java.util.Locale.ROOT, "%.3f", seconds)).append("\">\n");
        sb.append("  <testcase classname=\"c\" name=\"").append(xml(o.name())).append("\" time=\"")
                .append(String.format(java.util.Locale.ROOT, "%.3f", seconds)).append("\">\n");
        if (!o.ran()) {
            sb.append("    <skipped message=\"").append(xml("built for " + request.tools().target()
                    + ", not run: no <testEmulator>")).append("\"/>\n");
        }
        if (!o.passed()) {
            sb.append("    <failure message=\"").append(xml(o.failure().lines().findFirst().orElse(""))).append("\">")
                    .append(xml(o.failure())).append("</failure>\n");
        }
        o.run().ifPresent(r -> {
            sb.append("    <system-out>").append(xml(r.stdout())).append("</system-out>\n");
            sb.append("    <system-err>").append(xml(r.stderr())).append("</system-err>\n");
        });
        sb.append("  </testcase>\n</testsuite>\n");
        return sb.toString();
    }

    private static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        sb.append("?");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
