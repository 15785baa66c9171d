package org.example;

import org.jembed.runtime.Export;

public final class OldJdk {
    @Export
    public static long twice(long v) {
        return 2 * v;
    }
}
