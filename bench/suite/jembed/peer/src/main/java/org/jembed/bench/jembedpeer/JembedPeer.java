package org.jembed.bench.jembedpeer;

import java.lang.foreign.MemorySegment;
import java.util.Locale;
import org.jembed.bench.jembedpeer.capi.point_t;
import org.jembed.runtime.Export;
import org.jembed.runtime.Handles;

/** The jembed peer: peer.h implemented in Java, the same bodies as the other peers'. */
public final class JembedPeer {
    private JembedPeer() {
    }

    /** The object behind a handle. */
    record Box(int v) {
    }

    @Export(error = "-1")
    public static int add(int a, int b) {
        return a + b;
    }

    @Export(error = "-1")
    public static int do_stuff(point_t p) {
        return p.x() + p.y();
    }

    @Export
    public static String shout(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    @Export
    public static MemorySegment make_box(int v) {
        return Handles.newHandle(new Box(v));
    }

    @Export(error = "-1")
    public static int unbox(MemorySegment h) {
        return Handles.get(h, Box.class).v();
    }
}
