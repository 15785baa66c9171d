package org.example;

import org.jembed.runtime.Export;

public final class Impl {
    @Export
    public static int implemented(int x) {
        return x;
    }

    @Export
    public static int mismatched(String v) {
        return v.length();
    }

    @Export("implementd")
    public static int stray(int x) {
        return x;
    }
}
