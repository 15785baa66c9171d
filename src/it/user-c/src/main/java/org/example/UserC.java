package org.example;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.example.capi.internal_h;
import org.example.capi.userc_h;
import org.jembed.runtime.Export;

public final class UserC {
    private static final MemorySegment JAVA_LABEL = Arena.global().allocateFrom("set by Java");

    @Export
    public static int java_bump(int by) {
        userc_h.call_count(userc_h.call_count() + by);
        return userc_h.call_count();
    }

    @Export
    public static int java_read_all() {
        String label = userc_h.label().reinterpret(Long.MAX_VALUE).getString(0);
        return userc_h.call_count() + userc_h.origin().x() + userc_h.origin().y()
                + userc_h.history().getAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, 3)
                + label.length() + userc_h.limit() + (int) (userc_h.ratio() * 10);
    }

    @Export
    public static void java_write_all(int x) {
        userc_h.origin().x(x).y(-x);
        for (int i = 0; i < 4; i++) {
            userc_h.history().setAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, i, i * x);
        }
        userc_h.ratio(x / 4.0);
        userc_h.label(JAVA_LABEL);
    }

    @Export
    public static int through_c(int x) {
        int r = internal_h.c_triple(x);
        internal_h.internal_calls(internal_h.internal_calls() + 100);
        return r;
    }

    @Export
    public static int j_add_one(int x) {
        return x + 1;
    }
}
