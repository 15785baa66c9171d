package org.example;

import org.jembed.runtime.Export;
import org.jembed.runtime.Init;

public final class RaceB {
    @Init
    public static void init() throws InterruptedException {
        Thread.sleep(1500);
    }

    @Export
    public static int b_ping() {
        return 1;
    }
}
