package org.example;

import org.jembed.runtime.Export;

/** The Java side; the build fails before any of it matters on Windows. */
public final class PosixOnly {
    @Export
    public static int page_size() {
        return 4096;
    }
}
