package org.jembed.core.header;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A PE/COFF object file as MinGW-w64 gcc, clang and MSVC write them (Microsoft "PE Format": "COFF File Header",
 * "Section Table", "COFF Symbol Table", "COFF String Table"), plain or {@code /bigobj} ({@code -Wa,-mbig-obj}: a
 * 56-byte header, 32-bit section numbers, 20-byte symbol records). COFF has no magic number: a plain object is known by
 * its machine field. Always little-endian. A symbol's value is its offset in its (1-based) section; C names carry a
 * leading {@code _} on 32-bit x86 only.
 */
final class CoffObject implements ObjectFile {
    private static final int MACHINE_I386 = 0x14c;
    /** x86, x86-64, ARM64, ARM64EC, ARM64X, ARM Thumb-2. */
    private static final int[] MACHINES = {MACHINE_I386, 0x8664, 0xaa64, 0xa641, 0xa64e, 0x1c4};
    private static final byte[] BIGOBJ_CLASS_ID = {(byte) 0xc7, (byte) 0xa1, (byte) 0xba, (byte) 0xd1, (byte) 0xee,
            (byte) 0xba, (byte) 0xa9, 0x4b, (byte) 0xaf, 0x20, (byte) 0xfa, (byte) 0xf6, 0x6a, (byte) 0xa4, (byte) 0xdc,
            (byte) 0xb8};
    private static final int CNT_UNINITIALIZED_DATA = 0x80;

    private record Section(long size, long rawOffset, boolean zeroFill) {}

    private final byte[] file;
    private final boolean bigobj;
    private final int machine;
    private final Section[] sections;
    /** Defined symbol name to {1-based section number, value}. */
    private final Map<String, long[]> symbols = new HashMap<>();

    static boolean matches(byte[] b) {
        if (b.length < 20) {
            return false;
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (isBigobj(b)) {
            return true;
        }
        int machine = Short.toUnsignedInt(buf.getShort(0));
        return Arrays.stream(MACHINES).anyMatch(m -> m == machine) && buf.getShort(16) == 0; // no optional header
    }

    private static boolean isBigobj(byte[] b) {
        return b.length >= 56 && b[0] == 0 && b[1] == 0 && b[2] == (byte) 0xff && b[3] == (byte) 0xff && b[4] >= 2
                && Arrays.equals(b, 12, 28, BIGOBJ_CLASS_ID, 0, 16);
    }

    CoffObject(byte[] file) {
        this.file = file;
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        bigobj = isBigobj(file);
        int headerSize = bigobj ? 56 : 20;
        machine = Short.toUnsignedInt(b.getShort(bigobj ? 6 : 0));
        int nsections = bigobj ? b.getInt(44) : Short.toUnsignedInt(b.getShort(2));
        long symtab = Integer.toUnsignedLong(b.getInt(bigobj ? 48 : 8));
        long nsymbols = Integer.toUnsignedLong(b.getInt(bigobj ? 52 : 12));
        sections = new Section[nsections];
        for (int i = 0; i < nsections; i++) {
            int at = headerSize + 40 * i;
            long size = Integer.toUnsignedLong(b.getInt(at + 16));
            long raw = Integer.toUnsignedLong(b.getInt(at + 20));
            int characteristics = b.getInt(at + 36);
            sections[i] = new Section(size, raw, (characteristics & CNT_UNINITIALIZED_DATA) != 0 || raw == 0);
        }
        int entry = bigobj ? 20 : 18;
        long strings = symtab + nsymbols * entry;
        for (long i = 0; i < nsymbols; i++) {
            int at = Math.toIntExact(symtab + i * entry);
            String name;
            if (b.getInt(at) == 0) {
                name = ObjectFile.cString(file, strings + Integer.toUnsignedLong(b.getInt(at + 4)), file.length);
            } else {
                name = ObjectFile.cString(file, at, at + 8);
            }
            long value = Integer.toUnsignedLong(b.getInt(at + 8));
            int section = bigobj ? b.getInt(at + 12) : b.getShort(at + 12);
            int aux = Byte.toUnsignedInt(file[at + (bigobj ? 19 : 17)]);
            if (section > 0 && section <= nsections) {
                symbols.putIfAbsent(name, new long[] {section, value});
            }
            i += aux;
        }
    }

    @Override
    public String format() {
        return "COFF" + (bigobj ? " (bigobj)" : "") + " machine 0x" + Integer.toHexString(machine);
    }

    @Override
    public ByteOrder byteOrder() {
        return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public Optional<byte[]> symbol(String name, int length) {
        long[] s = symbols.get(machine == MACHINE_I386 ? "_" + name : name);
        if (s == null) {
            return Optional.empty();
        }
        Section section = sections[(int) s[0] - 1];
        return Optional.of(ObjectFile.slice(file, section.rawOffset(), section.size(), section.zeroFill(), s[1], length));
    }
}
