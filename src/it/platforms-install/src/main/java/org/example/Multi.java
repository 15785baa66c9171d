package org.example;

import org.example.capi.point_t;
import org.jembed.runtime.Export;

/** The Java side, compiled once and frozen into the library of every platform. */
public final class Multi {
    @Export
    public static int add_point(point_t p) {
        return p.x() + p.y();
    }

    @Export
    public static long widen(int v) {
        return (long) v << 32;
    }
}
