package org.example.seed;

import org.example.seed.capi.point_t;
import org.jembed.runtime.Export;

/** The Java side of plugin.h: CFFI's {@code @ffi.def_extern() def do_stuff(p)}. */
public final class Plugin {
    private Plugin() {
    }

    /** Implements {@code int do_stuff(point_t *)}. */
    @Export
    public static int do_stuff(point_t p) {
        System.out.println("adding " + p.x() + " and " + p.y());
        return p.x() + p.y();
    }
}
