package org.example;

import org.jembed.runtime.Export;

public final class RaceA {
    @Export
    public static int a_ping() {
        return 1;
    }

    @Export
    public static int a_slow_shutdown_hook() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        return 1;
    }
}
