package org.jembed.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ReturnBuffers#string} against {@code String.getBytes(UTF_8)}, byte for byte. */
class ReturnBuffersTest {
    private static final Random RANDOM = new Random(11072026);

    @Test
    void nullIsNull() {
        assertEquals(0, ReturnBuffers.string(null, 0));
    }

    @Test
    void edgeStrings() {
        String[] cases = {"", "a", "\0", "a\0b", "\0\0\0", "é", "ÿ", "\u0080", "\u07FF", "\u0800", "\uFFFF", "\uFFFE",
            "日本語のテキスト", "\uD83D\uDE00", "a\uD83D\uDE00b", "\uDBFF\uDFFF", "\uD800\uDC00",
            "\uD800", "\uDC00", "a\uD800", "\uD800a", "\uDC00\uD800", "\uD800\uD800\uDC00", "x\uDBFF", "\uDFFFx",
            "x".repeat(24), "x".repeat(25), "é".repeat(24) + "\uD83D", "\uD83D" + "é".repeat(30),
            "ascii ascii ascii ascii ascii ascii é", "x".repeat(5000)};
        for (String s : cases) {
            assertEncodedLikeTheJdk(s, 3);
        }
    }

    @Test
    void randomStrings() {
        for (int i = 0; i < 5000; i++) {
            assertEncodedLikeTheJdk(randomString(RANDOM, RANDOM.nextInt(i % 10 == 0 ? 400 : 40)), i % 5);
        }
    }

    /** Longer than one piece of the encoder: pieces never split a surrogate pair, whatever falls at the boundary. */
    @Test
    void longStringsInPieces() {
        int piece = ReturnBuffers.ThreadState.PIECE;
        for (int shift = -2; shift <= 2; shift++) {
            String pairAtBoundary = "a".repeat(piece + shift) + "\uD83D\uDE00" + "b".repeat(piece);
            assertEncodedLikeTheJdk(pairAtBoundary, 1);
            String loneAtBoundary = "a".repeat(piece + shift) + "\uD83D" + "é".repeat(piece);
            assertEncodedLikeTheJdk(loneAtBoundary, 1);
        }
        assertEncodedLikeTheJdk("\uD83D\uDE00".repeat(3 * piece), 2);
        assertEncodedLikeTheJdk(randomString(RANDOM, 4 * piece + 7), 2);
        assertEncodedLikeTheJdk("x".repeat(piece * 3 + 1), 2);
    }

    @Test
    void bufferBelongsToTheFunctionAndThread() throws Exception {
        long a = ReturnBuffers.string("first", 7);
        long b = ReturnBuffers.string("second", 8);
        assertNotEquals(a, b);
        long[] other = new long[1];
        Thread t = new Thread(() -> other[0] = ReturnBuffers.string("other thread", 7));
        t.start();
        t.join();
        assertNotEquals(a, other[0]);
        assertEquals("first", CString.read(a));
        assertEquals("second", CString.read(b));
        assertEquals(a, ReturnBuffers.string("again", 7), "the buffer is reused while the string fits");
        assertEquals("again", CString.read(a));
        assertEquals("second", CString.read(b));
    }

    /** Mixes ASCII, Latin-1, BMP, supplementary characters, lone surrogates and U+0000. */
    static String randomString(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> sb.append((char) random.nextInt(0x80));
                case 4 -> sb.append((char) (0x80 + random.nextInt(0x780)));
                case 5 -> sb.append((char) (0x800 + random.nextInt(0xD800 - 0x800)));
                case 6 -> sb.append((char) (0xE000 + random.nextInt(0x2000)));
                case 7 -> sb.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 8 -> sb.append((char) (0xD800 + random.nextInt(0x800)));
                default -> sb.append(random.nextBoolean() ? '\0' : 'z');
            }
        }
        return sb.toString();
    }

    private static void assertEncodedLikeTheJdk(String s, int slot) {
        byte[] expected = s.getBytes(StandardCharsets.UTF_8);
        long address = ReturnBuffers.string(s, slot);
        MemorySegment m = MemorySegment.ofAddress(address).reinterpret(expected.length + 1L);
        byte[] actual = m.asSlice(0, expected.length).toArray(ValueLayout.JAVA_BYTE);
        assertArrayEquals(expected, actual, () -> "encoding of " + s.codePoints().mapToObj(Integer::toHexString).toList());
        assertEquals(0, m.get(ValueLayout.JAVA_BYTE, expected.length), "NUL-terminated");
    }
}
