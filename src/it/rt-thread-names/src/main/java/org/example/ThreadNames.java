package org.example;

import org.jembed.runtime.Export;

public final class ThreadNames {
    @Export
    public static String thread_name() {
        return Thread.currentThread().getName();
    }
}
