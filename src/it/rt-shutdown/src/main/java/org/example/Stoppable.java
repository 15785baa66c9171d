package org.example;

import org.jembed.runtime.Export;
import org.jembed.runtime.Init;

public final class Stoppable {
    @Init
    public static void init() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("java shutdown hook ran")));
    }

    @Export
    public static int value() {
        return 42;
    }

    @Export
    public static int slow(int ms) throws InterruptedException {
        Thread.sleep(ms);
        return ms;
    }
}
