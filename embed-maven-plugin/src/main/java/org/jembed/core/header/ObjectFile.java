package org.jembed.core.header;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A relocatable object file ({@code .o}, {@code .obj}) as {@link Probe} reads it: the bytes of a named, initialised,
 * relocation-free data symbol. That is all the probe needs, because each of its answers is a {@code static const}
 * object of its own ({@code jembed_q0}, ...) holding a constant, so any target's object format serves, whatever
 * section the compiler puts the object in ({@code .rodata}, {@code .rdata}, {@code __TEXT,__const},
 * {@code .rodata.jembed_q0} under {@code -fdata-sections}, a zero-fill section for a zero).
 *
 * <p>Formats, told apart by their first bytes: ELF (32- and 64-bit, either byte order: System V gABI, "Object Files"),
 * PE/COFF objects, plain and {@code /bigobj} (Microsoft PE Format, "COFF File Header", "COFF Symbol Table"), and
 * 64-bit Mach-O, either byte order ({@code <mach-o/loader.h>}, {@code <mach-o/nlist.h>}).
 */
sealed interface ObjectFile permits ElfObject, CoffObject, MachOObject {

    /** The format, for messages, e.g. {@code ELF64 little-endian}. */
    String format();

    /** The target's byte order, which is the byte order of every answer. */
    ByteOrder byteOrder();

    /**
     * The first {@code length} bytes of the object that the C identifier {@code name} defines (the format's own
     * prefix, {@code _} on Mach-O and 32-bit Windows, is added here); zeros for an object in a zero-fill section.
     *
     * @return empty when no symbol of that name is defined in a section
     * @throws IllegalArgumentException when the symbol's bytes lie outside its section or the file
     */
    Optional<byte[]> symbol(String name, int length);

    /**
     * Reads the object file {@code file}.
     *
     * @throws IOException when it cannot be read, is not in a format above, or is damaged; the message names the file
     */
    static ObjectFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the bytes of an object file.
     *
     * @throws IllegalArgumentException when the format is unknown or the file damaged (the message quotes its first
     *                                  bytes)
     */
    static ObjectFile parse(byte[] bytes) {
        try {
            if (ElfObject.matches(bytes)) {
                return new ElfObject(bytes);
            } else if (MachOObject.matches(bytes)) {
                return new MachOObject(bytes);
            } else if (CoffObject.matches(bytes)) {
                return new CoffObject(bytes);
            }
        } catch (IndexOutOfBoundsException | BufferUnderflowException e) {
            throw new IllegalArgumentException("a truncated or damaged object file (" + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException("not an object file jembed can read (ELF, COFF or 64-bit Mach-O); it starts"
                + " with " + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(bytes.length, 8)));
    }

    /**
     * {@code length} bytes at {@code offset} into a section: from the file at {@code fileOffset}, or zeros when the
     * section occupies no file space.
     *
     * @param sectionSize the section's size in bytes
     */
    static byte[] slice(byte[] file, long fileOffset, long sectionSize, boolean zeroFill, long offset, int length) {
        if (offset < 0 || length < 0 || offset + length > sectionSize) {
            throw new IllegalArgumentException("a symbol at offset " + offset + " (" + length
                    + " bytes) lies outside its section of " + sectionSize + " bytes");
        }
        byte[] out = new byte[length];
        if (!zeroFill) {
            long at = fileOffset + offset;
            if (at < 0 || at + length > file.length) {
                throw new IllegalArgumentException("a section's bytes lie outside the file");
            }
            System.arraycopy(file, (int) at, out, 0, length);
        }
        return out;
    }

    /** The NUL-terminated string at {@code offset}, or up to {@code limit} (exclusive). */
    static String cString(byte[] file, long offset, long limit) {
        int start = (int) offset;
        int end = start;
        int max = (int) Math.min(limit, file.length);
        while (end < max && file[end] != 0) {
            end++;
        }
        return new String(file, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }
}
