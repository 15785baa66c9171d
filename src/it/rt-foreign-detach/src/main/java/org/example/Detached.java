package org.example;

import org.jembed.runtime.Export;

public final class Detached {
    @Export
    public static long twice(long v) {
        return 2 * v;
    }
}
