package org.jembed.core.model;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by a pipeline stage that found errors in the user's input; carries all of them, in source order. */
public final class DiagnosticException extends Exception {
    private final List<Diagnostic> diagnostics;

    /** @param diagnostics at least one error */
    public DiagnosticException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every diagnostic found, errors and warnings. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
