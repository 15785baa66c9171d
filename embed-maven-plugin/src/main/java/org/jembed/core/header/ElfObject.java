package org.jembed.core.header;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An ELF relocatable object, 32- or 64-bit, little- or big-endian (System V gABI, "ELF Header", "Sections", "Symbol
 * Table"), including extended section numbering ({@code SHN_XINDEX}, {@code SHT_SYMTAB_SHNDX}) for objects with more
 * than 65279 sections. In a relocatable file a symbol's {@code st_value} is its offset in section {@code st_shndx}.
 */
final class ElfObject implements ObjectFile {
    private static final int SHT_SYMTAB = 2, SHT_NOBITS = 8, SHT_SYMTAB_SHNDX = 18;
    private static final int SHN_UNDEF = 0, SHN_LORESERVE = 0xff00, SHN_XINDEX = 0xffff;

    private record Section(int type, long offset, long size, int link) {}

    private final byte[] file;
    private final boolean elf64;
    private final ByteOrder order;
    private final Section[] sections;
    /** Defined symbol name to {section index, st_value}. */
    private final Map<String, long[]> symbols = new HashMap<>();

    static boolean matches(byte[] b) {
        return b.length >= 16 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
    }

    ElfObject(byte[] file) {
        this.file = file;
        if (file[4] != 1 && file[4] != 2) {
            throw new IllegalArgumentException("an ELF file of unknown class " + file[4]);
        }
        if (file[5] != 1 && file[5] != 2) {
            throw new IllegalArgumentException("an ELF file of unknown data encoding " + file[5]);
        }
        elf64 = file[4] == 2;
        order = file[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer b = ByteBuffer.wrap(file).order(order);
        long shoff = elf64 ? b.getLong(0x28) : u32(b, 0x20);
        int shentsize = u16(b, elf64 ? 0x3A : 0x2E);
        int shnum = u16(b, elf64 ? 0x3C : 0x30);
        if (shoff == 0) {
            throw new IllegalArgumentException("an ELF file without section headers");
        }
        Section first = section(b, shoff);
        if (shnum == 0) {
            shnum = (int) first.size(); // extended numbering: the count is in section 0's sh_size
        }
        sections = new Section[shnum];
        for (int i = 0; i < shnum; i++) {
            sections[i] = section(b, shoff + (long) i * shentsize);
        }
        for (int i = 0; i < shnum; i++) {
            if (sections[i].type() == SHT_SYMTAB) {
                readSymbols(b, i);
            }
        }
    }

    private Section section(ByteBuffer b, long at) {
        int a = Math.toIntExact(at);
        int type = b.getInt(a + 4);
        long offset = elf64 ? b.getLong(a + 0x18) : u32(b, a + 0x10);
        long size = elf64 ? b.getLong(a + 0x20) : u32(b, a + 0x14);
        int link = b.getInt(a + (elf64 ? 0x28 : 0x18));
        return new Section(type, offset, size, link);
    }

    private void readSymbols(ByteBuffer b, int symtab) {
        Section s = sections[symtab];
        Section strings = sections[s.link()];
        int entry = elf64 ? 24 : 16;
        Section extended = null;
        for (Section x : sections) {
            if (x.type() == SHT_SYMTAB_SHNDX && x.link() == symtab) {
                extended = x;
            }
        }
        long count = s.size() / entry;
        for (int i = 1; i < count; i++) {
            int at = Math.toIntExact(s.offset() + (long) i * entry);
            long nameOffset = u32(b, at);
            int shndx = u16(b, at + (elf64 ? 6 : 14));
            long value = elf64 ? b.getLong(at + 8) : u32(b, at + 4);
            if (shndx == SHN_XINDEX && extended != null) {
                shndx = b.getInt(Math.toIntExact(extended.offset() + 4L * i));
            } else if (shndx == SHN_UNDEF || shndx >= SHN_LORESERVE) {
                continue; // undefined, absolute or common: no bytes of its own
            }
            if (nameOffset == 0 || shndx < 0 || shndx >= sections.length) {
                continue;
            }
            String name = ObjectFile.cString(file, strings.offset() + nameOffset, strings.offset() + strings.size());
            symbols.putIfAbsent(name, new long[] {shndx, value});
        }
    }

    @Override
    public String format() {
        return (elf64 ? "ELF64 " : "ELF32 ") + (order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian");
    }

    @Override
    public ByteOrder byteOrder() {
        return order;
    }

    @Override
    public Optional<byte[]> symbol(String name, int length) {
        long[] s = symbols.get(name);
        if (s == null) {
            return Optional.empty();
        }
        Section section = sections[(int) s[0]];
        return Optional.of(ObjectFile.slice(file, section.offset(), section.size(), section.type() == SHT_NOBITS, s[1], length));
    }

    private static int u16(ByteBuffer b, int at) {
        return Short.toUnsignedInt(b.getShort(at));
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }
}
