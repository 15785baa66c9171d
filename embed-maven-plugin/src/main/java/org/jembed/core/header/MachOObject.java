package org.jembed.core.header;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A 64-bit Mach-O object file, either byte order ({@code <mach-o/loader.h>}: {@code mach_header_64},
 * {@code LC_SEGMENT_64} with its {@code section_64}s, {@code LC_SYMTAB}; {@code <mach-o/nlist.h>}: {@code nlist_64}).
 * Sections are numbered from 1 across all segments in load-command order; a symbol defined in a section
 * ({@code N_SECT}) has its address as {@code n_value}, so its offset is {@code n_value - addr}. C names carry a leading
 * {@code _}. 32-bit and universal ("fat") files are refused by name.
 */
final class MachOObject implements ObjectFile {
    private static final int MH_MAGIC_64 = 0xfeedfacf, MH_MAGIC = 0xfeedface, FAT_MAGIC = 0xcafebabe;
    private static final int LC_SYMTAB = 0x2, LC_SEGMENT_64 = 0x19;
    private static final int N_STAB = 0xe0, N_TYPE = 0x0e, N_SECT = 0x0e;
    /** Section types ({@code flags & SECTION_TYPE}) with no file contents. */
    private static final int S_ZEROFILL = 0x1, S_GB_ZEROFILL = 0xc, S_THREAD_LOCAL_ZEROFILL = 0x12;

    private record Section(long addr, long size, long offset, boolean zeroFill) {}

    private final byte[] file;
    private final ByteOrder order;
    private final List<Section> sections = new ArrayList<>();
    /** Defined symbol name to {1-based section number, address}. */
    private final Map<String, long[]> symbols = new HashMap<>();

    static boolean matches(byte[] b) {
        if (b.length < 4) {
            return false;
        }
        int le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        int be = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).getInt(0);
        return le == MH_MAGIC_64 || be == MH_MAGIC_64 || le == MH_MAGIC || be == MH_MAGIC
                || be == FAT_MAGIC;
    }

    MachOObject(byte[] file) {
        this.file = file;
        ByteBuffer probe = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int le = probe.getInt(0);
        if (probe.order(ByteOrder.BIG_ENDIAN).getInt(0) == FAT_MAGIC) {
            throw new IllegalArgumentException("a universal (fat) Mach-O file; compile the probe for one architecture"
                    + " (one -arch or -target)");
        }
        if (le == MH_MAGIC || Integer.reverseBytes(le) == MH_MAGIC) {
            throw new IllegalArgumentException("a 32-bit Mach-O file, which jembed does not read");
        }
        order = le == MH_MAGIC_64 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer b = ByteBuffer.wrap(file).order(order);
        int ncmds = b.getInt(16);
        int at = 32;
        for (int c = 0; c < ncmds; c++) {
            int cmd = b.getInt(at);
            int size = b.getInt(at + 4);
            if (cmd == LC_SEGMENT_64) {
                int nsects = b.getInt(at + 64);
                for (int s = 0; s < nsects; s++) {
                    int sect = at + 72 + 80 * s;
                    int type = b.getInt(sect + 64) & 0xff;
                    sections.add(new Section(b.getLong(sect + 32), b.getLong(sect + 40),
                            Integer.toUnsignedLong(b.getInt(sect + 48)),
                            type == S_ZEROFILL || type == S_GB_ZEROFILL || type == S_THREAD_LOCAL_ZEROFILL));
                }
            } else if (cmd == LC_SYMTAB) {
                symtab(b, at);
            }
            if (size <= 0) {
                throw new IllegalArgumentException("a Mach-O load command of size " + size);
            }
            at += size;
        }
    }

    private void symtab(ByteBuffer b, int command) {
        long symoff = Integer.toUnsignedLong(b.getInt(command + 8));
        long nsyms = Integer.toUnsignedLong(b.getInt(command + 12));
        long stroff = Integer.toUnsignedLong(b.getInt(command + 16));
        long strsize = Integer.toUnsignedLong(b.getInt(command + 20));
        for (long i = 0; i < nsyms; i++) {
            int at = Math.toIntExact(symoff + 16 * i);
            int type = Byte.toUnsignedInt(file[at + 4]);
            int sect = Byte.toUnsignedInt(file[at + 5]);
            if ((type & N_STAB) != 0 || (type & N_TYPE) != N_SECT || sect == 0) {
                continue;
            }
            long strx = Integer.toUnsignedLong(b.getInt(at));
            String name = ObjectFile.cString(file, stroff + strx, stroff + strsize);
            symbols.putIfAbsent(name, new long[] {sect, b.getLong(at + 8)});
        }
    }

    @Override
    public String format() {
        return "Mach-O 64-bit " + (order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian");
    }

    @Override
    public ByteOrder byteOrder() {
        return order;
    }

    @Override
    public Optional<byte[]> symbol(String name, int length) {
        long[] s = symbols.get("_" + name);
        if (s == null) {
            return Optional.empty();
        }
        if (s[0] > sections.size()) {
            throw new IllegalArgumentException("symbol _" + name + " names section " + s[0] + " of " + sections.size());
        }
        Section section = sections.get((int) s[0] - 1);
        return Optional.of(ObjectFile.slice(file, section.offset(), section.size(), section.zeroFill(),
                s[1] - section.addr(), length));
    }
}
