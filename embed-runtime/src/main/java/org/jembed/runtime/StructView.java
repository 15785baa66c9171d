package org.jembed.runtime;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Base of the generated struct views: a typed window over C memory. Reads and writes go straight to the
 * underlying {@link MemorySegment}; a view does not own its memory. Generated subclasses add one accessor
 * pair per member ({@code x()} reads, {@code x(int)} writes and returns the view) and a static
 * {@code ofAddress(long)} factory that the bridges use.
 */
public abstract class StructView {
    private final MemorySegment segment;

    /**
     * @param segment the struct's memory; at least {@code size} bytes long
     * @param size    {@code sizeof} the C struct, in bytes
     * @throws IllegalArgumentException if the segment is shorter than the struct
     */
    protected StructView(MemorySegment segment, long size) {
        this.segment = Objects.requireNonNull(segment, "segment");
        if (segment.byteSize() < size) {
            throw new IllegalArgumentException("segment of " + segment.byteSize() + " bytes is smaller than the struct (" + size + " bytes)");
        }
    }

    /** The struct's memory. */
    public final MemorySegment segment() {
        return segment;
    }

    /** The struct's address in C memory (0 for a heap segment's base is never returned: heap segments report their offset). */
    public final long address() {
        return segment.address();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "@0x" + Long.toHexString(segment.address());
    }
}
