package org.jembed.core.ctest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jembed.core.Outputs;
import org.jembed.core.ToolCall;

/**
 * Runs the project's C tests: each {@code src/test/c/*.c} is compiled against the library with
 * {@code -Wall -Wextra -Werror}, run, and passes when it exits 0 and, where a {@code <test>.expected} file
 * sits beside it, its standard output equals that file. Writes a JUnit-style XML report per test, as
 * Surefire does, so CI tools read the results.
 */
public final class CTestRunner {

    /**
     * What to test.
     *
     * @param compiler    the C compiler driver
     * @param testDir     the folder of test sources ({@code src/test/c})
     * @param includeDirs {@code -I} directories (the header's folder)
     * @param library     the built library
     * @param libraryName its name, for {@code -l}
     * @param workDir     where test programs are built and run
     * @param reportsDir  where XML reports go
     * @param environment extra environment variables for the test programs (e.g. {@code JAVA_HOME}, the last place a library looks for a JVM)
     */
    public record Request(String compiler, Path testDir, List<Path> includeDirs, Path library, String libraryName,
                          Path workDir, Path reportsDir, java.util.Map<String, String> environment) {
        /** A request whose tests run in Maven's environment. */
        public Request(String compiler, Path testDir, List<Path> includeDirs, Path library, String libraryName,
                       Path workDir, Path reportsDir) {
            this(compiler, testDir, includeDirs, library, libraryName, workDir, reportsDir, java.util.Map.of());
        }
    }

    /**
     * One test's outcome.
     *
     * @param name    the test's name (source file name without {@code .c})
     * @param passed  true when it compiled, exited 0 and printed what was expected
     * @param failure why it failed; empty when it passed
     * @param run     the test program's run, when it got that far
     */
    public record Outcome(String name, boolean passed, String failure, Optional<ToolCall> run) {}

    private CTestRunner() {
    }

    /**
     * Runs every test, in file-name order.
     *
     * @return one outcome per test; empty when there are none
     * @throws IOException when a file cannot be read or written
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
        for (Path source : sources) {
            outcomes.add(runOne(request, source));
        }
        return outcomes;
    }

    private static Outcome runOne(Request request, Path source) throws IOException {
        String file = source.getFileName().toString();
        String name = file.substring(0, file.length() - 2);
        Path program = request.workDir().resolve(name);
        Path libDir = request.library().toAbsolutePath().getParent();
        List<String> cc = new ArrayList<>(List.of(request.compiler(), "-std=gnu11", "-g", "-Wall", "-Wextra", "-Werror"));
        request.includeDirs().forEach(d -> cc.add("-I" + d.toAbsolutePath()));
        cc.addAll(List.of(source.toAbsolutePath().toString(), "-o", program.toAbsolutePath().toString(),
                "-L" + libDir, "-l" + request.libraryName(), "-Wl,-rpath," + libDir, "-lpthread"));
        ToolCall compile = ToolCall.run(cc, request.workDir());
        Outcome outcome;
        if (!compile.succeeded()) {
            outcome = new Outcome(name, false, "compiling " + file + " failed:\n" + compile.stderr(), Optional.empty());
        } else {
            ToolCall run = ToolCall.run(List.of(program.toAbsolutePath().toString()), request.workDir(),
                    request.environment());
            Path expectedFile = source.resolveSibling(name + ".expected");
            if (!run.succeeded()) {
                outcome = new Outcome(name, false, name + " exited with status " + run.exitCode(), Optional.of(run));
            } else if (Files.isRegularFile(expectedFile)) {
                String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
                outcome = expected.equals(run.stdout())
                        ? new Outcome(name, true, "", Optional.of(run))
                        : new Outcome(name, false, "standard output differs from " + expectedFile.getFileName()
                                + ":\n--- expected\n" + expected + "--- actual\n" + run.stdout(), Optional.of(run));
            } else {
                outcome = new Outcome(name, true, "", Optional.of(run));
            }
        }
        Outputs.write(request.reportsDir().resolve("TEST-" + name + ".xml"), report(outcome));
        return outcome;
    }

    private static String report(Outcome o) {
        double seconds = o.run().map(r -> r.duration().toNanos() / 1e9).orElse(0.0);
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"").append(xml(o.name())).append("\" tests=\"1\" failures=\"")
                .append(o.passed() ? 0 : 1).append("\" errors=\"0\" skipped=\"0\" time=\"")
                .append(String.format(java.util.Locale.ROOT, "%.3f", seconds)).append("\">\n");
        sb.append("  <testcase classname=\"c\" name=\"").append(xml(o.name())).append("\" time=\"")
                .append(String.format(java.util.Locale.ROOT, "%.3f", seconds)).append("\">\n");
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
