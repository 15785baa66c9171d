package org.example;

import org.jembed.runtime.Export;
import org.jembed.runtime.Init;

public final class LibB {
    @Init
    public static void init() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("B's shutdown hook ran")));
    }

    @Export
    public static int b_value() {
        return 7;
    }

    @Export
    public static int b_counter() {
        return ++Shared.counter;
    }

    @Export
    public static long b_loader_id() {
        return System.identityHashCode(Shared.class.getClassLoader());
    }

    @Export
    public static int b_sees_a() {
        return "yes".equals(System.getProperty("two.a.started")) ? 1 : 0;
    }
}
