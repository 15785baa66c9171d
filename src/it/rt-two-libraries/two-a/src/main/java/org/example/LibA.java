package org.example;

import org.jembed.runtime.Export;
import org.jembed.runtime.Init;

public final class LibA {
    private static volatile boolean done;

    @Init
    public static void init() throws InterruptedException {
        System.setProperty("two.a.started", "yes");
        // At the host's exit the library that created the JVM runs every hook, once (issue #19).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("A's shutdown hook ran")));
        Thread.sleep(2000);
        done = true;
    }

    @Export
    public static int a_ready() {
        return done ? 1 : 0;
    }

    @Export
    public static int a_counter() {
        return ++Shared.counter;
    }

    @Export
    public static long a_loader_id() {
        return System.identityHashCode(Shared.class.getClassLoader());
    }
}
