package org.jembed.core.header;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe's objects as each target's compiler writes them: a symbol's bytes, in the target's byte order. */
class ObjectFileTest {

    @TempDir
    Path dir;

    private static final String SOURCE = """
            static const unsigned long long answer __attribute__((used)) = 0x0102030405060708ULL;
            static const char text[] __attribute__((used)) = "jembed";
            static int zero __attribute__((used));
            """;

    private static Target clang(String triple) {
        return new Target(triple, "clang", List.of("-target", triple), "clang");
    }

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of(Target.LINUX_X86_64, List.of(), "ELF64 little-endian"),
                Arguments.of(Target.LINUX_AARCH_64, List.of(), "ELF64 little-endian"),
                Arguments.of(Target.LINUX_AARCH_64, List.of("-O2", "-fdata-sections", "-fsection-anchors"), "ELF64 little-endian"),
                Arguments.of(Target.WINDOWS_X86_64, List.of(), "COFF machine 0x8664"),
                Arguments.of(Target.WINDOWS_X86_64, List.of("-Wa,-mbig-obj", "-fdata-sections"), "COFF (bigobj) machine 0x8664"),
                Arguments.of(clang("i686-w64-windows-gnu"), List.of(), "COFF machine 0x14c"),
                Arguments.of(Target.OSX_AARCH_64, List.of(), "Mach-O 64-bit little-endian"),
                Arguments.of(clang("x86_64-apple-macos"), List.of("-O2"), "Mach-O 64-bit little-endian"),
                Arguments.of(clang("powerpc-linux-gnu"), List.of(), "ELF32 big-endian"),
                Arguments.of(clang("s390x-linux-gnu"), List.of(), "ELF64 big-endian"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("objects")
    void aSymbolsBytesAreReadInTheTargetsFormatAndByteOrder(Target target, List<String> options, String format)
            throws IOException {
        Path source = Files.writeString(dir.resolve("answers.c"), SOURCE);
        Path object = target.compile(dir, source, dir.resolve("answers.o"), options.toArray(String[]::new));
        ObjectFile file = ObjectFile.read(object);
        assertEquals(format, file.format());
        byte[] answer = file.symbol("answer", 8).orElseThrow();
        assertEquals(0x0102030405060708L, ByteBuffer.wrap(answer).order(file.byteOrder()).getLong());
        assertArrayEquals("jembed\0".getBytes(StandardCharsets.US_ASCII), file.symbol("text", 7).orElseThrow());
        assertArrayEquals(new byte[4], file.symbol("zero", 4).orElseThrow(), "a zero-fill section reads as zeros");
        assertTrue(file.symbol("missing", 1).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> file.symbol("answer", 1 << 20),
                "reading past the symbol's section is an error, not garbage");
    }

    @Test
    void aFileInAnotherFormatIsAnErrorNamingTheFile() throws IOException {
        Path notAnObject = Files.writeString(dir.resolve("probe.o"), "!<arch>\nan archive, not an object");
        IOException e = assertThrows(IOException.class, () -> ObjectFile.read(notAnObject));
        assertEquals(notAnObject + ": not an object file jembed can read (ELF, COFF or 64-bit Mach-O); it starts with"
                + " 21 3c 61 72 63 68 3e 0a", e.getMessage());

        Path fat = Files.write(dir.resolve("fat.o"), new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 2});
        e = assertThrows(IOException.class, () -> ObjectFile.read(fat));
        assertEquals(fat + ": a universal (fat) Mach-O file; compile the probe for one architecture (one -arch or"
                + " -target)", e.getMessage());
    }

    @Test
    void aTruncatedObjectIsAnErrorNamingTheFile() throws IOException {
        Path source = Files.writeString(dir.resolve("answers.c"), SOURCE);
        Path object = Target.LINUX_X86_64.compile(dir, source, dir.resolve("answers.o"));
        byte[] whole = Files.readAllBytes(object);
        Path cut = Files.write(dir.resolve("cut.o"), Arrays.copyOf(whole, 80));
        IOException e = assertThrows(IOException.class, () -> ObjectFile.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": a truncated or damaged object file"), e.getMessage());
    }

    @Test
    void anObjectWithMoreThan65279SectionsUsesExtendedSectionNumbers() throws IOException {
        // a large header probed with -fdata-sections: one section per answer, past ELF's 16-bit section index
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 66_000; i++) {
            many.append("static const unsigned long long q").append(i).append(" __attribute__((used)) = ").append(i)
                    .append("ULL;\n");
        }
        Path source = Files.writeString(dir.resolve("many.c"), many);
        ObjectFile file = ObjectFile.read(Target.LINUX_X86_64.compile(dir, source, dir.resolve("many.o"), "-fdata-sections"));
        for (int i : new int[] {0, 65_278, 65_279, 65_999}) {
            assertEquals(i, ByteBuffer.wrap(file.symbol("q" + i, 8).orElseThrow()).order(file.byteOrder()).getLong());
        }
    }

    @Test
    void bigEndianAnswersDecodeInBigEndianOrder() throws IOException {
        Path source = Files.writeString(dir.resolve("answers.c"), SOURCE);
        ObjectFile file = ObjectFile.read(clang("s390x-linux-gnu").compile(dir, source, dir.resolve("answers.o")));
        assertEquals(ByteOrder.BIG_ENDIAN, file.byteOrder());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, file.symbol("answer", 8).orElseThrow());
    }
}
