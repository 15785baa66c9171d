package org.example;

import org.example.capi.pair_t;
import org.jembed.runtime.Export;

public final class Greeter {
    @Export
    public static int greet_sum(pair_t p) {
        System.out.println("hello from Java: " + p.a() + " + " + p.b());
        return p.a() + p.b();
    }
}
