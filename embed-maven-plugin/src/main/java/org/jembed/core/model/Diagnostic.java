package org.jembed.core.model;

/**
 * One compiler-style message about the user's input.
 *
 * @param pos      where the problem is
 * @param severity error or warning
 * @param message  what is wrong and, where possible, how to fix it
 */
public record Diagnostic(SourcePos pos, Severity severity, String message) {
    /** How bad a diagnostic is: errors stop the build before anything is written; a note only informs. */
    public enum Severity { ERROR, WARNING, NOTE }

    /** An error at {@code pos}. */
    public static Diagnostic error(SourcePos pos, String message) {
        return new Diagnostic(pos, Severity.ERROR, message);
    }

    /** Formatted as gcc does: {@code plugin.h:12:5: error: unknown type name 'foo_t'}. */
    @Override
    public String toString() {
        return pos + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
