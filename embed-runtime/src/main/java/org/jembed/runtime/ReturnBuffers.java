package org.jembed.runtime;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Memory for values that an exported function returns to C by address: a {@code const char *} returned from a
 * {@code String}, and a struct returned by value. Used by the generated bridges.
 *
 * <p>Lifetime rule (as CFFI's "valid until the next call"): the memory belongs to the pair (function, thread).
 * It stays valid until the same function returns again on the same thread, or the thread exits; the C caller
 * copies what it must keep. Calls of other functions, or on other threads, never overwrite it.
 */
public final class ReturnBuffers {
    private static final ThreadLocal<MemorySegment[]> BUFFERS = ThreadLocal.withInitial(() -> new MemorySegment[8]);

    private ReturnBuffers() {
    }

    /**
     * Copies {@code s} as NUL-terminated UTF-8 into the buffer of function {@code slot} on this thread.
     *
     * @param s    the string; {@code null} gives {@code NULL}
     * @param slot the function's index in the library
     * @return the C address of the copy, or 0
     */
    public static long string(String s, int slot) {
        if (s == null) {
            return 0;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        MemorySegment buffer = buffer(slot, bytes.length + 1L);
        MemorySegment.copy(bytes, 0, buffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
        buffer.set(java.lang.foreign.ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        return buffer.address();
    }

    /**
     * Copies a struct returned by value into the buffer of function {@code slot} on this thread; the C glue then
     * copies it into the caller's return value.
     *
     * @param view the struct; must not be null
     * @param size {@code sizeof} the struct
     * @param slot the function's index in the library
     * @return the C address of the copy
     * @throws NullPointerException if {@code view} is null (a struct by value has no {@code NULL})
     */
    public static long struct(StructView view, long size, int slot) {
        if (view == null) {
            throw new NullPointerException("a struct returned by value cannot be null");
        }
        MemorySegment buffer = buffer(slot, size);
        MemorySegment.copy(view.segment(), 0, buffer, 0, size);
        return buffer.address();
    }

    private static MemorySegment buffer(int slot, long size) {
        MemorySegment[] buffers = BUFFERS.get();
        if (slot >= buffers.length) {
            buffers = java.util.Arrays.copyOf(buffers, Math.max(slot + 1, buffers.length * 2));
            BUFFERS.set(buffers);
        }
        MemorySegment b = buffers[slot];
        if (b == null || b.byteSize() < size) {
            // Freed by the GC once no thread-local slot refers to it any more.
            b = Arena.ofAuto().allocate(Math.max(size, 64), 16);
            buffers[slot] = b;
        }
        return b;
    }
}
