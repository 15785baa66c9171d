package org.example;

import org.jembed.runtime.Export;
import org.jembed.runtime.Init;

public final class Setup {
    @Init
    public static void init() {
        throw new IllegalStateException("configuration file is missing");
    }

    @Export
    public static int answer(int x) {
        return x + 42;
    }
}
