package org.example;

import java.util.concurrent.atomic.AtomicInteger;
import org.jembed.runtime.Export;
import org.jembed.runtime.Init;

public final class Hosted {
    private static final AtomicInteger INITS = new AtomicInteger();

    @Init
    public static void init() {
        INITS.incrementAndGet();
        // JVM-wide state: the host test reads it, so both run in one JVM.
        System.setProperty("hosted.init.loader", String.valueOf(Hosted.class.getClassLoader()));
    }

    @Export
    public static int square(int x) {
        return x * x;
    }

    @Export
    public static int init_count() {
        return INITS.get();
    }
}
