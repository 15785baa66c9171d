package org.example;

import java.util.ArrayList;
import java.util.List;
import org.jembed.runtime.Export;

public final class Forked {
    @Export
    public static long warm(long v) {
        return 2 * v;
    }

    @Export
    public static long cold(long v) {
        return 3 * v;
    }

    @Export
    public static int allocate(int mib) {
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < mib; i++) {
            kept.add(new byte[1 << 20]);
            if (kept.size() > 8) {
                kept.clear();
            }
        }
        System.gc();
        return mib;
    }
}
