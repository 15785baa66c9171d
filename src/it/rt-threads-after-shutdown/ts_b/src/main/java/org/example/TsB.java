package org.example;

import org.jembed.runtime.Export;

public final class TsB {
    @Export
    public static int java_threads() {
        return Thread.getAllStackTraces().size();
    }
}
