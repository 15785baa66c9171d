package org.jembed.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * C addresses of a library's own symbols (its API header's globals, the functions of its internal header), for the
 * generated accessors and downcalls. Used by generated code only.
 *
 * <p>The glue defines a hidden table {@code jembed_symbols[]} of those addresses; the 16 bytes right before the
 * frozen image (whose address the library's class loader knows) hold a magic number (8 bytes) and where that table
 * is: with magic "EJSYMBLS" its link-time offset from the offset's own address (a signed 32-bit PC-relative value,
 * which ELF, PE/COFF and Mach-O arm64 resolve at link time) and 4 zero bytes; with magic "EJSYMABS" (Mach-O x86_64,
 * which cannot express that difference) its absolute address, rebased by the loader. So the addresses need no JNI
 * call, no exported symbol and no {@code dlsym}; they are read once, on first use. The trailer is written by
 * {@code frozen.c} with the macros of {@code jembed_platform.h}.
 */
public final class Symbols {
    private static final long MAGIC = 0x534c424d59534a45L; // "EJSYMBLS" little-endian: a 32-bit PC-relative offset
    private static final long MAGIC_ABSOLUTE = 0x5342414d59534a45L; // "EJSYMABS": a 64-bit address
    private static volatile MemorySegment table;

    private Symbols() {
    }

    /**
     * The address of entry {@code index} of the symbol table, as a segment of {@code size} bytes.
     *
     * @param libraryClass any class frozen in the library (its class loader is the library's)
     * @param index        the entry, in the order the build assigned
     * @param size         the byte size of the segment (0 for a function)
     * @throws IllegalStateException when the class was not loaded from a jembed library
     */
    public static MemorySegment address(Class<?> libraryClass, int index, long size) {
        MemorySegment t = table;
        if (t == null) {
            t = locate(libraryClass);
            table = t;
        }
        MemorySegment entry = t.getAtIndex(ValueLayout.ADDRESS, index);
        return size > 0 ? entry.reinterpret(size) : entry;
    }

    private static MemorySegment locate(Class<?> libraryClass) {
        ClassLoader loader = libraryClass.getClassLoader();
        long image;
        try {
            image = (Long) loader.getClass().getMethod("imageAddress").invoke(loader);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(libraryClass.getName() + " was not loaded from a jembed library (its loader is "
                    + loader + "); C globals and internal functions exist only inside the library", e);
        }
        MemorySegment trailer = MemorySegment.ofAddress(image - 16).reinterpret(16);
        long magic = trailer.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
        long tableAddress;
        if (magic == MAGIC) {
            tableAddress = image - 8 + trailer.get(ValueLayout.JAVA_INT_UNALIGNED, 8); // sign-extended
        } else if (magic == MAGIC_ABSOLUTE) {
            tableAddress = trailer.get(ValueLayout.JAVA_LONG_UNALIGNED, 8);
        } else {
            throw new IllegalStateException("the library has no symbol table before its frozen image (a corrupt build)");
        }
        return MemorySegment.ofAddress(tableAddress).reinterpret(Long.MAX_VALUE);
    }

    /**
     * The exception for a call through a host's function-pointer variable that holds {@code NULL}: the host has not
     * set it (yet), e.g. a Redis module calling {@code RedisModule_*} before {@code RedisModule_Init}, or a function
     * this version of the host does not have. Used by generated downcalls.
     *
     * @param variable the variable's C name
     */
    public static IllegalStateException notSet(String variable) {
        return new IllegalStateException(variable + " is NULL: the host has not set this function pointer (is the host's"
                + " initialisation, e.g. RedisModule_Init, called first, and does this host version have it?)");
    }

    /** Rethrows what a {@code MethodHandle} threw: unchecked as it is, checked wrapped. Used by generated downcalls. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
