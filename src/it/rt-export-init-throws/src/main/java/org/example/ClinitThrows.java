package org.example;

import org.jembed.runtime.Export;

public final class ClinitThrows {
    private static final long FACTOR = readFactor();

    private static long readFactor() {
        throw new IllegalStateException("ClinitThrows: no configuration");
    }

    @Export
    public static long twice(long v) {
        return FACTOR * v;
    }
}
