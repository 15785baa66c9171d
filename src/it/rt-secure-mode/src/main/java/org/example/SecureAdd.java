package org.example;

import org.jembed.runtime.Export;

public final class SecureAdd {
    @Export
    public static int add(int a, int b) {
        return a + b;
    }
}
