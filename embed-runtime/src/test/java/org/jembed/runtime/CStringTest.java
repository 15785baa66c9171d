package org.jembed.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CString#read} against the JDK's decoding of the same bytes, {@code new String(bytes, UTF_8)}. */
class CStringTest {
    private static final Random RANDOM = new Random(20261121);

    @Test
    void nullIsNull() {
        assertNull(CString.read(0));
    }

    @Test
    void edgeStringsAtEveryAlignment() {
        String[] cases = {"", "a", "abcdefg", "abcdefgh", "abcdefghi", "x".repeat(15), "x".repeat(16), "x".repeat(17),
            "é", "héllo wörld", "日本語", "\uD83D\uDE00", "a\uD83D\uDE00b", "\u007F\u0080\u07FF\u0800\uFFFF",
            "\uDBFF\uDFFF", "ascii then é at byte 17", "x".repeat(255) + "é"};
        for (String s : cases) {
            for (int skip = 0; skip < 8; skip++) {
                assertReadsLikeTheJdk(s.getBytes(StandardCharsets.UTF_8), skip);
            }
        }
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() {
        byte[][] cases = {
            {(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xC3, 'a'}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate (CESU-8)
            {(byte) 0xC0, (byte) 0x80}, // overlong NUL
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF, 'x', (byte) 0xFE},
        };
        for (byte[] bytes : cases) {
            for (int skip = 0; skip < 8; skip++) {
                assertReadsLikeTheJdk(bytes, skip);
            }
        }
    }

    @Test
    void randomBytesAndRandomText() {
        for (int i = 0; i < 3000; i++) {
            int length = RANDOM.nextInt(i % 10 == 0 ? 700 : 40);
            byte[] bytes = new byte[length];
            if (i % 2 == 0) {
                RANDOM.nextBytes(bytes);
                for (int k = 0; k < bytes.length; k++) {
                    if (bytes[k] == 0) {
                        bytes[k] = 1;
                    }
                }
            } else {
                bytes = ReturnBuffersTest.randomString(RANDOM, length).replace('\0', ' ').getBytes(StandardCharsets.UTF_8);
            }
            assertReadsLikeTheJdk(bytes, RANDOM.nextInt(8));
        }
    }

    /** Longer than the scratch a thread keeps: the string is measured and copied into an array of its own. */
    @Test
    void longStrings() {
        for (int length : new int[] {ReturnBuffers.ThreadState.KEPT - 9, ReturnBuffers.ThreadState.KEPT - 1,
            ReturnBuffers.ThreadState.KEPT, ReturnBuffers.ThreadState.KEPT + 3, 100_003}) {
            byte[] ascii = new byte[length];
            Arrays.fill(ascii, (byte) 'q');
            assertReadsLikeTheJdk(ascii, 3);
            String text = ReturnBuffers.ThreadState.class.getName().repeat(length / 40) + "ü€\uD83D\uDE00";
            assertReadsLikeTheJdk(text.getBytes(StandardCharsets.UTF_8), 5);
        }
    }

    /** A string whose NUL is the last byte before an inaccessible page is read without touching that page. */
    @Test
    void neverReadsPastTheWordOfTheNul() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle mmap = linker.downcallHandle(linker.defaultLookup().find("mmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        MethodHandle mprotect = linker.downcallHandle(linker.defaultLookup().find("mprotect").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        MethodHandle munmap = linker.downcallHandle(linker.defaultLookup().find("munmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        long page = 4096;
        int protRead = 1;
        int protWrite = 2;
        int mapPrivateAnonymous = 0x02 | 0x20;
        MemorySegment map = (MemorySegment) mmap.invoke(MemorySegment.NULL, 2 * page, protRead | protWrite,
                mapPrivateAnonymous, -1, 0L);
        assertEquals(0, (int) mprotect.invoke(MemorySegment.ofAddress(map.address() + page), page, 0));
        try {
            MemorySegment first = map.reinterpret(page);
            for (int length = 0; length < 20; length++) {
                long at = page - 1 - length;
                for (int k = 0; k < length; k++) {
                    first.set(ValueLayout.JAVA_BYTE, at + k, (byte) ('a' + k));
                }
                first.set(ValueLayout.JAVA_BYTE, page - 1, (byte) 0);
                assertEquals("abcdefghijklmnopqrst".substring(0, length), CString.read(map.address() + at));
            }
        } finally {
            munmap.invoke(map, 2 * page);
        }
    }

    /** Writes {@code bytes} (no NUL inside) and a NUL at an address {@code skip} past an 8-byte boundary, reads it back. */
    private static void assertReadsLikeTheJdk(byte[] bytes, int skip) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = arena.allocate(bytes.length + 24L, 8);
            m.fill((byte) 0xE9); // garbage around the string: non-ASCII, not NUL
            MemorySegment.copy(bytes, 0, m, ValueLayout.JAVA_BYTE, skip, bytes.length);
            m.set(ValueLayout.JAVA_BYTE, skip + bytes.length, (byte) 0);
            String expected = new String(bytes, StandardCharsets.UTF_8);
            assertEquals(expected, CString.read(m.address() + skip), () -> "bytes " + Arrays.toString(bytes) + " at +" + skip);
        }
    }
}
