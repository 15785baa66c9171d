package org.example;

import org.jembed.runtime.Export;

public final class Answer {
    @Export
    public static int answer() {
        return 42;
    }
}
