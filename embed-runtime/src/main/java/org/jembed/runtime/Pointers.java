package org.jembed.runtime;

import java.lang.foreign.MemorySegment;

/** Conversions used by generated bridges between C addresses and {@link MemorySegment}s. */
public final class Pointers {
    private Pointers() {
    }

    /**
     * The address of {@code segment}, for returning a pointer to C.
     *
     * @param segment a native segment, or {@code null}
     * @return its base address; 0 ({@code NULL}) for {@code null}
     * @throws IllegalArgumentException if the segment is on the Java heap (C cannot hold such an address)
     */
    public static long address(MemorySegment segment) {
        if (segment == null) {
            return 0;
        }
        if (!segment.isNative()) {
            throw new IllegalArgumentException("a heap MemorySegment cannot be returned to C; allocate it in an Arena");
        }
        return segment.address();
    }

    /**
     * The address of a struct view, for returning a struct pointer to C.
     *
     * @param view a view, or {@code null}
     * @return the view's address; 0 ({@code NULL}) for {@code null}
     */
    public static long address(StructView view) {
        return view == null ? 0 : address(view.segment());
    }
}
