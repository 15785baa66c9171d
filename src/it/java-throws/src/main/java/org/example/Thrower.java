package org.example;

import java.lang.foreign.MemorySegment;
import org.jembed.runtime.Export;

public final class Thrower {
    @Export
    public static int divide(int x) {
        return 1000 / x;
    }

    @Export
    public static MemorySegment echo(MemorySegment p) {
        if (p.address() == 0) {
            throw new IllegalArgumentException("echo needs a pointer");
        }
        return p;
    }
}
