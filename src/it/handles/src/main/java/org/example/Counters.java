package org.example;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;
import org.jembed.runtime.Export;
import org.jembed.runtime.Handles;

public final class Counters {
    @Export
    public static MemorySegment counter_new(long start) {
        return Handles.newHandle(new AtomicLong(start));
    }

    @Export(error = "-1")
    public static long counter_add(MemorySegment counter, long delta) {
        return Handles.get(counter, AtomicLong.class).addAndGet(delta);
    }

    @Export(error = "-1")
    public static long counter_free(MemorySegment counter) {
        return ((AtomicLong) Handles.release(counter)).get();
    }

    @Export
    public static int live_handles() {
        return Handles.live();
    }
}
