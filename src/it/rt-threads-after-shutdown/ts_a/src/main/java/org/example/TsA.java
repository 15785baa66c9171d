package org.example;

import org.jembed.runtime.Export;

public final class TsA {
    @Export
    public static int a_ping() {
        return 1;
    }
}
