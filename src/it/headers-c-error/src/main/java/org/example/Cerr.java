package org.example;

import org.jembed.runtime.Export;

public final class Cerr {
    @Export
    public static int answer() {
        return 42;
    }
}
