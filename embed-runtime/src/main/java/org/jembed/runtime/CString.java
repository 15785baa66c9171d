package org.jembed.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Conversions between NUL-terminated C strings and Java strings. C strings are UTF-8 (C11 7.1.1 "string").
 *
 * <p>{@link #read(long)} allocates only the {@code String} and its value array (as
 * {@code MemorySegment.getString} it decodes with {@code new String(bytes, UTF_8)}, but without its intermediate
 * {@code byte[]}): it copies the bytes into a per-thread scratch array while it looks for the NUL, eight bytes at a
 * time, then builds the string from that array. A string longer than {@value ReturnBuffers.ThreadState#KEPT} bytes
 * is copied into a temporary array instead, so no thread keeps more than that much scratch.
 *
 * <p>Memory is read in aligned eight-byte words, as glibc's {@code strlen} does: a word never crosses a page
 * boundary, so the up to seven bytes read before the string's first byte and after its NUL are in the same pages as
 * those, and the read never faults where the string does not. ({@code MemorySegment.getString} reads unaligned
 * words from the string's start, so it may read up to seven bytes into the page after the NUL.)
 */
public final class CString {
    /** All of memory, so that reading at an address makes no segment object. */
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long SEVENS = 0x7F7F7F7F7F7F7F7FL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    /** Longest Java array length the JDK accepts everywhere ({@code ArraysSupport.SOFT_MAX_ARRAY_LENGTH}). */
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private CString() {
    }

    /**
     * Copies the NUL-terminated UTF-8 string at {@code address} into a Java string.
     *
     * @param address a C {@code const char *}; 0 ({@code NULL}) gives {@code null}
     * @return the decoded string; malformed UTF-8 is replaced with U+FFFD (as {@code new String(bytes, UTF_8)})
     * @throws IllegalArgumentException if the string is longer than a Java array can be
     */
    public static String read(long address) {
        if (address == 0) {
            return null;
        }
        ReturnBuffers.ThreadState state = ReturnBuffers.ThreadState.current();
        byte[] buf = state.bytes(16);
        // The aligned word holding the first byte, its bytes before the string replaced by 0x01 (not NUL, ASCII)
        // and moved to the end, so that it reads as the string's first 8 - skip bytes.
        int skip = (int) (address & 7);
        long w = ALL.get(ValueLayout.JAVA_LONG, address - skip);
        if (skip != 0) {
            w = LITTLE ? (w >>> 8 * skip) | (ONES << 8 * (8 - skip)) : (w << 8 * skip) | (ONES >>> 8 * (8 - skip));
        }
        long ascii = 0;
        int n = 0;
        for (;;) {
            // High bit of each byte set exactly where the byte is 0.
            long zeros = ~(((w & SEVENS) + SEVENS) | w | SEVENS);
            if (n + 8 > buf.length) {
                if (buf.length >= ReturnBuffers.ThreadState.KEPT) {
                    return readLong(address, n + strlen(address + n));
                }
                buf = state.bytes(n + 8);
            }
            LONGS.set(buf, n, w);
            if (zeros != 0) {
                int z = (LITTLE ? Long.numberOfTrailingZeros(zeros) : Long.numberOfLeadingZeros(zeros)) >>> 3;
                if (z != 0) {
                    ascii |= LITTLE ? w << (64 - 8 * z) : w >>> (64 - 8 * z);
                }
                return make(buf, n + z, ascii);
            }
            ascii |= w;
            n += n == 0 ? 8 - skip : 8;
            w = ALL.get(ValueLayout.JAVA_LONG, address + n);
        }
    }

    private static String make(byte[] bytes, int length, long ascii) {
        // An ASCII string decodes the same in both; ISO-8859-1 skips the decoder's scan.
        return new String(bytes, 0, length, (ascii & HIGHS) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** A string longer than the kept scratch: measured first, then copied into an array of its own. */
    private static String readLong(long address, long length) {
        if (length > MAX_LENGTH) {
            throw tooLong(address);
        }
        byte[] bytes = new byte[(int) length];
        MemorySegment.copy(ALL, ValueLayout.JAVA_BYTE, address, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The number of bytes before the NUL at or after {@code address}, which must be aligned to 8. */
    private static long strlen(long address) {
        for (long n = 0;; n += 8) {
            long w = ALL.get(ValueLayout.JAVA_LONG, address + n);
            long zeros = ~(((w & SEVENS) + SEVENS) | w | SEVENS);
            if (zeros != 0) {
                return n + ((LITTLE ? Long.numberOfTrailingZeros(zeros) : Long.numberOfLeadingZeros(zeros)) >>> 3);
            }
        }
    }

    private static IllegalArgumentException tooLong(long address) {
        return new IllegalArgumentException("the C string at 0x" + Long.toHexString(address)
                + " is longer than a Java string can be (" + MAX_LENGTH + " bytes)");
    }
}
