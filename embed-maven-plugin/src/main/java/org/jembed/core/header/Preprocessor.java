package org.jembed.core.header;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jembed.core.ToolCall;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.SourcePos;

/**
 * The preprocess stage: runs the real C preprocessor, {@code gcc -E -dD -std=gnu11}, on the API header, so that
 * {@code #include}, {@code #if} and macros mean exactly what they mean to the C compiler that builds the library.
 * {@code -dD} keeps the {@code #define} lines in the output, from which {@link HeaderParser} takes the integer
 * constants. gcc's diagnostics ({@code plugin.h:3:10: fatal error: missing.h: No such file or directory}) are
 * passed on as they are, with the file names gcc prints.
 */
public final class Preprocessor {

    /** gcc's {@code file:line:col: error: message} lines (also {@code fatal error} and {@code warning}). */
    static final Pattern GCC_DIAGNOSTIC =
            Pattern.compile("^(.+?):(\\d+):(?:(\\d+):)? (fatal error|error|warning): (.*)$");

    /**
     * What one preprocessor run produced.
     *
     * @param text         the preprocessed text with line markers and {@code #define} lines, for {@link HeaderParser}
     * @param mainFileName the header's name as gcc prints it in line markers: pass it to {@link HeaderParser#parse}
     * @param call         the gcc run, for the log
     * @param warnings     gcc's warnings, if any
     */
    public record Result(String text, String mainFileName, ToolCall call, List<Diagnostic> warnings) {}

    private Preprocessor() {
    }

    /**
     * As {@link #run(String, Path, Path, List, List)} without {@code -D} definitions.
     *
     * @throws DiagnosticException when gcc fails, with gcc's own error lines
     * @throws IOException         when gcc cannot be started
     */
    public static Result run(String gcc, Path workingDir, Path header, List<Path> includeDirs)
            throws IOException, DiagnosticException {
        return run(gcc, workingDir, header, includeDirs, List.of());
    }

    /**
     * Preprocesses {@code header}.
     *
     * @param gcc         the compiler driver to run, e.g. {@code gcc} (found on the {@code PATH}) or an absolute path
     * @param workingDir  the directory gcc runs in; the header is named relative to it when it lies below it,
     *                    so that positions read {@code src/main/c/plugin.h:3:5} rather than an absolute path
     * @param header      the API header
     * @param includeDirs directories passed as {@code -I}, in order (project headers: their declarations are parsed)
     * @param defines     macro definitions passed as {@code -D}, each {@code NAME} or {@code NAME=value}
     *                    (e.g. {@code JEMBED_EXPORT=} to define the export macro as empty)
     * @return the output text and the tool call
     * @throws DiagnosticException when gcc fails: gcc's own {@code file:line:col: error:} lines, or one error
     *                             quoting its output when it printed none in that form
     * @throws IOException         when gcc cannot be started
     */
    public static Result run(String gcc, Path workingDir, Path header, List<Path> includeDirs, List<String> defines)
            throws IOException, DiagnosticException {
        return run(gcc, workingDir, header, includeDirs, defines, List.of());
    }

    /**
     * As {@link #run(String, Path, Path, List, List)}, with the library's own compiler options after jembed's
     * ({@code -D}, {@code -U}, {@code -I}, {@code -include}, {@code -std=}: whatever changes what the header means).
     *
     * @throws DiagnosticException when gcc fails
     * @throws IOException         when gcc cannot be started
     */
    public static Result run(String gcc, Path workingDir, Path header, List<Path> includeDirs, List<String> defines,
                             List<String> options) throws IOException, DiagnosticException {
        String headerName = displayName(workingDir, header);
        List<String> command = new ArrayList<>(List.of(gcc, "-E", "-dD", "-std=gnu11"));
        for (Path dir : includeDirs) {
            command.add("-I" + displayName(workingDir, dir));
        }
        for (String define : defines) {
            command.add("-D" + define);
        }
        command.addAll(options);
        command.add(headerName);
        ToolCall call = ToolCall.run(command, workingDir);
        List<Diagnostic> errors = new ArrayList<>();
        List<Diagnostic> warnings = new ArrayList<>();
        for (String line : call.stderr().split("\r?\n")) {
            Matcher m = GCC_DIAGNOSTIC.matcher(line);
            if (!m.matches()) {
                continue;
            }
            SourcePos pos = new SourcePos(m.group(1), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
            if (m.group(4).equals("warning")) {
                warnings.add(new Diagnostic(pos, Diagnostic.Severity.WARNING, m.group(5)));
            } else {
                errors.add(Diagnostic.error(pos, m.group(5)));
            }
        }
        if (!call.succeeded()) {
            if (errors.isEmpty()) {
                String output = call.stderr().strip();
                errors.add(Diagnostic.error(new SourcePos(headerName, 1, 0), "preprocessing failed (" + call.summary() + ")"
                        + (output.isEmpty() ? "" : ": " + output)));
            }
            List<Diagnostic> all = new ArrayList<>(errors);
            all.addAll(warnings);
            throw new DiagnosticException(all);
        }
        return new Result(call.stdout(), headerName, call, List.copyOf(warnings));
    }

    /** {@code path} (relative paths meaning relative to {@code workingDir}) as gcc should see it from {@code workingDir}. */
    private static String displayName(Path workingDir, Path path) {
        Path dir = workingDir.toAbsolutePath().normalize();
        Path abs = dir.resolve(path).normalize();
        if (abs.equals(dir)) {
            return ".";
        }
        if (abs.startsWith(dir)) {
            return dir.relativize(abs).toString();
        }
        return path.toString();
    }
}
