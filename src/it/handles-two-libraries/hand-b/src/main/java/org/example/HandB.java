package org.example;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;
import org.jembed.runtime.Export;
import org.jembed.runtime.Handles;

public final class HandB {
    @Export
    public static MemorySegment b_new(long value) {
        return Handles.newHandle(new AtomicLong(value));
    }

    @Export(error = "-1")
    public static long b_get(MemorySegment handle) {
        return Handles.get(handle, AtomicLong.class).get();
    }

    @Export(error = "-1")
    public static long b_free(MemorySegment handle) {
        return ((AtomicLong) Handles.release(handle)).get();
    }
}
