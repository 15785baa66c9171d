package org.example;

import org.jembed.runtime.Export;

/** The library's one function. */
public final class Adder {
    private Adder() {
    }

    @Export
    public static int add(int a, int b) {
        return a + b;
    }
}
