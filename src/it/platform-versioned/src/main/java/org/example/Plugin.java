package org.example;

import org.jembed.runtime.Export;

public final class Plugin {
    @Export
    public static int add(int a, int b) {
        return a + b;
    }
}
