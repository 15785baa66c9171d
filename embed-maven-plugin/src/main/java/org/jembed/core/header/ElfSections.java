package org.jembed.core.header;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sections of an ELF relocatable object ({@code .o}), by name: what {@link Probe} reads its answers from. Reads
 * ELF32 and ELF64, little- and big-endian (System V gABI, "Sections"); {@code SHT_NOBITS} sections read as zeros.
 */
final class ElfSections {
    private static final int SHT_NOBITS = 8;

    private ElfSections() {
    }

    /**
     * The contents of every section of {@code object}.
     *
     * @return section name to its bytes, in header order
     * @throws IllegalArgumentException when {@code object} is not an ELF file
     */
    static Map<String, byte[]> read(byte[] object) {
        if (object.length < 52 || object[0] != 0x7f || object[1] != 'E' || object[2] != 'L' || object[3] != 'F') {
            throw new IllegalArgumentException("not an ELF object file (jembed's probe reads ELF only)");
        }
        boolean elf64 = object[4] == 2;
        ByteBuffer b = ByteBuffer.wrap(object).order(object[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long shoff = elf64 ? b.getLong(0x28) : Integer.toUnsignedLong(b.getInt(0x20));
        int shentsize = Short.toUnsignedInt(b.getShort(elf64 ? 0x3A : 0x2E));
        int shnum = Short.toUnsignedInt(b.getShort(elf64 ? 0x3C : 0x30));
        int shstrndx = Short.toUnsignedInt(b.getShort(elf64 ? 0x3E : 0x32));
        long[][] headers = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            int at = (int) (shoff + (long) i * shentsize);
            long name = Integer.toUnsignedLong(b.getInt(at));
            long type = Integer.toUnsignedLong(b.getInt(at + 4));
            long offset = elf64 ? b.getLong(at + 0x18) : Integer.toUnsignedLong(b.getInt(at + 0x10));
            long size = elf64 ? b.getLong(at + 0x20) : Integer.toUnsignedLong(b.getInt(at + 0x14));
            headers[i] = new long[] {name, type, offset, size};
        }
        long strings = headers[shstrndx][2];
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (long[] h : headers) {
            int start = (int) (strings + h[0]);
            int end = start;
            while (object[end] != 0) {
                end++;
            }
            String name = new String(object, start, end - start, StandardCharsets.UTF_8);
            byte[] data = new byte[(int) h[3]];
            if (h[1] != SHT_NOBITS) {
                System.arraycopy(object, (int) h[2], data, 0, data.length);
            }
            out.put(name, data);
        }
        return out;
    }
}
