package org.example;

import org.jembed.runtime.Export;

public final class Twice {
    @Export
    public static int twice(int v) {
        return 2 * v;
    }
}
