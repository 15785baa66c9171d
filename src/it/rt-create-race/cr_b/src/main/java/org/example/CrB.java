package org.example;

import org.jembed.runtime.Export;

public final class CrB {
    @Export
    public static int b_ping() {
        return 1;
    }
}
