package org.jembed.runtime;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Memory for values that an exported function returns to C by address: a {@code const char *} returned from a
 * {@code String}, and a struct returned by value. Used by the generated bridges.
 *
 * <p>Lifetime rule (as CFFI's "valid until the next call"): the memory belongs to the pair (function, thread).
 * It stays valid until the same function returns again on the same thread, or the thread exits; the C caller
 * copies what it must keep. Calls of other functions, or on other threads, never overwrite it.
 *
 * <p>{@link #string(String, int)} allocates nothing on the Java heap once its per-thread buffers have grown to fit:
 * it copies the string's chars into a per-thread {@code char[]} ({@code String.getChars}, a vectorized copy),
 * encodes them as UTF-8 into a per-thread {@code byte[]} (by hand up to {@value ThreadState#SHORT} chars, else with a
 * per-thread {@code CharsetEncoder}, whose ASCII runs go through the JDK's vectorized intrinsic), then copies that
 * into the function's native buffer in one bulk copy. The bytes are exactly those of {@code s.getBytes(UTF_8)} (an
 * unpaired surrogate becomes {@code '?'}, U+0000 a 0 byte). A string of more than {@value ThreadState#PIECE} chars
 * is measured first and encoded in pieces through the same scratch arrays, so a thread never keeps more than
 * {@value ThreadState#KEPT} bytes and {@value ThreadState#PIECE} chars of scratch.
 */
public final class ReturnBuffers {
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
        ThreadState state = ThreadState.current();
        int n = s.length();
        if (n > ThreadState.PIECE) {
            return longString(s, slot, state);
        }
        int length = state.encode(s, 0, n);
        MemorySegment buffer = state.buffer(slot, length + 1L);
        MemorySegment.copy(state.bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, length);
        buffer.set(ValueLayout.JAVA_BYTE, length, (byte) 0);
        return buffer.address();
    }

    /** A string longer than one piece: exact size first, then encoded piece by piece through the scratch arrays. */
    private static long longString(String s, int slot, ThreadState state) {
        int n = s.length();
        MemorySegment buffer = state.buffer(slot, utf8Length(s) + 1);
        long at = 0;
        for (int from = 0; from < n;) {
            int to = Math.min(n, from + ThreadState.PIECE);
            if (to < n && Character.isHighSurrogate(s.charAt(to - 1))) {
                to--; // keep a surrogate pair in one piece
            }
            int length = state.encode(s, from, to);
            MemorySegment.copy(state.bytes, 0, buffer, ValueLayout.JAVA_BYTE, at, length);
            at += length;
            from = to;
        }
        buffer.set(ValueLayout.JAVA_BYTE, at, (byte) 0);
        return buffer.address();
    }

    /** The length of {@code s.getBytes(UTF_8)}, without making it. */
    static long utf8Length(String s) {
        int n = s.length();
        long length = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    length += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    length += 2; // 4 bytes for 2 chars
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    length += 2;
                }
            }
        }
        return length;
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
        MemorySegment buffer = ThreadState.current().buffer(slot, size);
        MemorySegment.copy(view.segment(), 0, buffer, 0, size);
        return buffer.address();
    }

    /**
     * What one thread keeps between calls: the native return buffers of each function, and scratch arrays that
     * {@link ReturnBuffers#string} and {@link CString#read} use within one call (neither calls out meanwhile).
     */
    static final class ThreadState {
        /** The most scratch bytes a thread keeps. */
        static final int KEPT = 16384;
        /** The most chars {@link ReturnBuffers#string} encodes at once: their UTF-8 fits the kept scratch. */
        static final int PIECE = KEPT / 3;
        /** Up to this many chars, {@link #encode} loops by hand (measured: the encoder's set-up costs more). */
        static final int SHORT = 24;

        /** A subclass rather than {@code withInitial}: no lambda bootstrap at first use. */
        private static final ThreadLocal<ThreadState> CURRENT = new ThreadLocal<>() {
            @Override
            protected ThreadState initialValue() {
                return new ThreadState();
            }
        };

        /** Scratch bytes: the UTF-8 {@link #encode} made, or the bytes {@link CString#read} copies. */
        byte[] bytes = new byte[256];
        private char[] chars = new char[64];
        private ByteBuffer byteBuffer = ByteBuffer.wrap(bytes);
        private CharBuffer charBuffer = CharBuffer.wrap(chars);
        /** {@code String.getBytes(UTF_8)}'s replacement: {@code '?'} for an unpaired surrogate. */
        private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private MemorySegment[] buffers = new MemorySegment[8];

        static ThreadState current() {
            return CURRENT.get();
        }

        /** The byte scratch, grown to at least {@code min} bytes (keeping its content). */
        byte[] bytes(int min) {
            if (bytes.length < min) {
                bytes = Arrays.copyOf(bytes, Math.max(min, Math.min(KEPT, bytes.length * 2)));
                byteBuffer = ByteBuffer.wrap(bytes);
            }
            return bytes;
        }

        /**
         * Encodes {@code s[from, to)} ({@code to - from <= PIECE}) as UTF-8 into {@link #bytes}, from index 0, as
         * {@code String.getBytes(UTF_8)} does; a high surrogate at {@code to - 1} is unpaired.
         *
         * @return the number of bytes written
         */
        int encode(String s, int from, int to) {
            int n = to - from;
            if (chars.length < n) {
                chars = new char[Math.max(n, Math.min(PIECE, chars.length * 2))];
                charBuffer = CharBuffer.wrap(chars);
            }
            byte[] dst = bytes(3 * n);
            s.getChars(from, to, chars, 0);
            if (n <= SHORT) {
                return encodeShort(chars, n, dst);
            }
            charBuffer.clear().limit(n);
            byteBuffer.clear();
            CoderResult result = utf8.reset().encode(charBuffer, byteBuffer, true);
            if (!result.isUnderflow()) {
                // Not reached: 3 bytes a char always fit, and malformed input is replaced.
                throw new IllegalStateException("jembed: UTF-8 encoding of a returned string stopped: " + result);
            }
            return byteBuffer.position();
        }

        /** {@link #encode} by hand: for a short string, cheaper than the encoder's set-up. */
        private static int encodeShort(char[] chars, int n, byte[] dst) {
            int j = 0;
            for (int i = 0; i < n; i++) {
                char c = chars[i];
                if (c < 0x80) {
                    dst[j++] = (byte) c;
                } else if (c < 0x800) {
                    dst[j++] = (byte) (0xC0 | (c >> 6));
                    dst[j++] = (byte) (0x80 | (c & 0x3F));
                } else if (!Character.isSurrogate(c)) {
                    dst[j++] = (byte) (0xE0 | (c >> 12));
                    dst[j++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    dst[j++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                    int cp = Character.toCodePoint(c, chars[++i]);
                    dst[j++] = (byte) (0xF0 | (cp >> 18));
                    dst[j++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    dst[j++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    dst[j++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    dst[j++] = '?'; // an unpaired surrogate, as String.getBytes(UTF_8)
                }
            }
            return j;
        }

        MemorySegment buffer(int slot, long size) {
            MemorySegment[] b = buffers;
            if (slot >= b.length) {
                b = Arrays.copyOf(b, Math.max(slot + 1, b.length * 2));
                buffers = b;
            }
            MemorySegment buffer = b[slot];
            if (buffer == null || buffer.byteSize() < size) {
                // At least twice the old size: a function whose strings grow does not reallocate on every call.
                long grown = buffer == null ? 64 : Math.min(buffer.byteSize() * 2, size + (1 << 20));
                // Freed by the GC once no thread refers to it any more.
                buffer = Arena.ofAuto().allocate(Math.max(size, grown), 16);
                b[slot] = buffer;
            }
            return buffer;
        }
    }
}
