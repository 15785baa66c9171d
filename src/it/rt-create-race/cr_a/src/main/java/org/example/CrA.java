package org.example;

import org.jembed.runtime.Export;

public final class CrA {
    @Export
    public static int a_ping() {
        return 1;
    }
}
