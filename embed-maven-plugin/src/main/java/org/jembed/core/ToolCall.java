package org.jembed.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One run of an external tool (gcc, a C test), as a value: the command line, working directory,
 * duration, exit code and what it printed. Callers log it; nothing here writes to the console.
 *
 * @param command   the command line, program first
 * @param directory the working directory
 * @param exitCode  the process's exit status (128+N when killed by signal N, as a shell reports it)
 * @param stdout    standard output, decoded as UTF-8
 * @param stderr    standard error, decoded as UTF-8
 * @param duration  wall-clock time from start to exit
 */
public record ToolCall(List<String> command, Path directory, int exitCode, String stdout, String stderr, Duration duration) {

    /**
     * Runs {@code command} in {@code directory} to completion, capturing both streams.
     *
     * @throws IOException when the program cannot be started (e.g. gcc is not on the PATH)
     */
    public static ToolCall run(List<String> command, Path directory) throws IOException {
        return run(command, directory, java.util.Map.of());
    }

    /** As {@link #run(List, Path)}, with extra environment variables for the child. */
    public static ToolCall run(List<String> command, Path directory, java.util.Map<String, String> env) throws IOException {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        var err = new java.io.ByteArrayOutputStream();
        Thread errPump = new Thread(() -> {
            try (var in = p.getErrorStream()) {
                in.transferTo(err);
            } catch (IOException ignored) {
                // the process ended; what was read is kept
            }
        }, "jembed-stderr");
        errPump.start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        int code;
        try {
            code = p.waitFor();
            errPump.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        return new ToolCall(List.copyOf(command), directory, code, new String(out, StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
    }

    /** True when the tool exited with status 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }

    /** {@code gcc -E ... (exit 0, 41 ms)}: for logs. */
    public String summary() {
        return String.join(" ", command) + " (exit " + exitCode + ", " + duration.toMillis() + " ms)";
    }
}
