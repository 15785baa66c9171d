package org.jembed.core.model;

/**
 * A position in a C source file, as a compiler reports it.
 *
 * @param file   the file name as the preprocessor's line markers give it (e.g. {@code plugin.h})
 * @param line   1-based line number
 * @param column 1-based column number; 0 when unknown
 */
public record SourcePos(String file, int line, int column) {
    /** {@code file:line:col}, or {@code file:line} when the column is unknown, or {@code file} without a line. */
    @Override
    public String toString() {
        return line <= 0 ? file : column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
