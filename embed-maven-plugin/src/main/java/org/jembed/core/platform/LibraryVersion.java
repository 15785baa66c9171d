package org.jembed.core.platform;

/**
 * The version of a shared library ({@code <libraryVersion>}), as the Linux convention for versioned shared libraries
 * uses it: the file is {@code lib<n>.so.<text>}, the SONAME {@code lib<n>.so.<major>} (a new major version is an
 * incompatible ABI; programs record the SONAME and keep working across minor and patch releases).
 *
 * @param text  the version as written, one to three dot-separated numbers, e.g. {@code 1.5.2}
 * @param major its first number
 */
public record LibraryVersion(String text, int major) {

    /** Checks the shape. */
    public LibraryVersion {
        if (!text.matches("\\d{1,9}(\\.\\d{1,9}){0,2}")) {
            throw new IllegalArgumentException("a library version is one to three dot-separated numbers, got '" + text + "'");
        }
    }

    /**
     * Parses {@code 1}, {@code 1.5} or {@code 1.5.2}.
     *
     * @throws IllegalArgumentException when {@code text} has another shape (e.g. {@code 1.5-SNAPSHOT}, {@code v1})
     */
    public static LibraryVersion parse(String text) {
        String t = text.strip();
        if (!t.matches("\\d{1,9}(\\.\\d{1,9}){0,2}")) {
            throw new IllegalArgumentException("a library version is one to three dot-separated numbers, got '" + text + "'");
        }
        return new LibraryVersion(t, Integer.parseInt(t.split("\\.")[0]));
    }
}
