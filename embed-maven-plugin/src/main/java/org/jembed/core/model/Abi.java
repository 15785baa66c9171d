package org.jembed.core.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the C compiler that builds the library answered about the target and the header. The probe compile
 * ({@code org.jembed.core.header.Probe}) asks it everything: {@code sizeof} and {@code _Alignof} of every arithmetic
 * type and of {@code void *}, whether plain {@code char} is signed, the byte order (that of the object file it writes),
 * the size, alignment and member offsets of every struct and union, the size, alignment and signedness of every enum
 * type, and the size of every variable. jembed never computes any of these itself, so a cross compiler's answers are
 * the target's: {@code long} is 4 bytes for {@code x86_64-w64-mingw32-gcc} (LLP64), plain {@code char} is unsigned for
 * {@code aarch64-linux-gnu-gcc}, {@code long double} is 8 bytes for {@code clang -target arm64-apple-macos}. Before the
 * probe has run, the parse stage fills in the scalar sizes the preprocessor predefines ({@link #fromPredefined}).
 *
 * @param scalarSizes  {@code sizeof} of each arithmetic type, in bytes; a kind is absent when the compiler did not say
 * @param scalarAligns {@code _Alignof} of each arithmetic type, in bytes; empty before the probe
 * @param pointerSize  {@code sizeof(void *)}, in bytes (0 when unknown)
 * @param pointerAlign {@code _Alignof(void *)}, in bytes (0 when unknown)
 * @param charUnsigned true when plain {@code char} is unsigned on the target
 * @param bigEndian    true on a big-endian target
 * @param structs      struct key ({@link StructDecl#key()}) to its layout, for every complete struct the probe could name
 * @param enums        enum key ({@link EnumDecl#key()}) to its layout, for every enum type the probe could name
 * @param globals      variable name to its {@code sizeof}, for every complete variable
 */
public record Abi(Map<PrimKind, Integer> scalarSizes, Map<PrimKind, Integer> scalarAligns, int pointerSize,
                  int pointerAlign, boolean charUnsigned, boolean bigEndian, Map<String, StructLayout> structs,
                  Map<String, EnumLayout> enums, Map<String, Long> globals) {

    /**
     * A struct's or union's layout as the compiler laid it out (so {@code packed}, {@code aligned} and
     * {@code #pragma pack} are honoured).
     *
     * @param size    {@code sizeof}, in bytes
     * @param align   {@code _Alignof}, in bytes
     * @param offsets named member to {@code offsetof}, in bytes (bit-fields are absent)
     * @param sizes   named member to its {@code sizeof}, in bytes (bit-fields are absent)
     */
    public record StructLayout(long size, long align, Map<String, Long> offsets, Map<String, Long> sizes) {}

    /**
     * An enum type as the compiler represents it: its compatible integer type is implementation-defined (C11
     * 6.7.2.2p4), e.g. {@code unsigned int} when no enumerator is negative, 8 bytes when a value needs them, 1 byte
     * under {@code -fshort-enums}.
     *
     * @param size   {@code sizeof}, in bytes
     * @param align  {@code _Alignof}, in bytes
     * @param signed true when {@code (E)-1 < 0}
     */
    public record EnumLayout(int size, int align, boolean signed) {}

    /** Nothing known: what a model parsed without a compiler carries (unit tests). */
    public static Abi unknown() {
        return new Abi(Map.of(), Map.of(), 0, 0, false, false, Map.of(), Map.of(), Map.of());
    }

    /** {@code sizeof} of an arithmetic type, when the compiler said. */
    public OptionalLong sizeOf(PrimKind kind) {
        Integer s = scalarSizes.get(kind);
        return s == null ? OptionalLong.empty() : OptionalLong.of(s);
    }

    /** {@code _Alignof} of an arithmetic type, when the probe asked. */
    public OptionalLong alignOf(PrimKind kind) {
        Integer a = scalarAligns.get(kind);
        return a == null ? OptionalLong.empty() : OptionalLong.of(a);
    }

    /** The layout of struct {@code key}, when the probe could ask for it. */
    public Optional<StructLayout> struct(String key) {
        return Optional.ofNullable(structs.get(key));
    }

    /** The layout of enum type {@code key}, when the probe could ask for it. */
    public Optional<EnumLayout> enumLayout(String key) {
        return Optional.ofNullable(enums.get(key));
    }

    /**
     * The target facts gcc and clang predefine ({@code __SIZEOF_INT__} 4, {@code __CHAR_UNSIGNED__},
     * {@code __BYTE_ORDER__}), as printed by {@code gcc -E -dD} under {@code <built-in>}: the parse stage's first
     * answer, which the probe replaces with its own.
     *
     * @param predefined macro name to replacement text
     */
    public static Abi fromPredefined(Map<String, String> predefined) {
        Map<PrimKind, Integer> sizes = new EnumMap<>(PrimKind.class);
        sizes.put(PrimKind.CHAR, 1);
        sizes.put(PrimKind.SCHAR, 1);
        sizes.put(PrimKind.UCHAR, 1);
        put(sizes, predefined, "__SIZEOF_SHORT__", PrimKind.SHORT, PrimKind.USHORT);
        put(sizes, predefined, "__SIZEOF_INT__", PrimKind.INT, PrimKind.UINT);
        put(sizes, predefined, "__SIZEOF_LONG__", PrimKind.LONG, PrimKind.ULONG);
        put(sizes, predefined, "__SIZEOF_LONG_LONG__", PrimKind.LLONG, PrimKind.ULLONG);
        put(sizes, predefined, "__SIZEOF_FLOAT__", PrimKind.FLOAT);
        put(sizes, predefined, "__SIZEOF_DOUBLE__", PrimKind.DOUBLE);
        put(sizes, predefined, "__SIZEOF_LONG_DOUBLE__", PrimKind.LONG_DOUBLE);
        // C11 6.5.3.4p4 fixes sizeof of the character types; _Bool has no predefined size: gcc uses one byte on
        // every ABI it supports, and the probe's struct offsets and sizes hold the real answer wherever one is stored.
        sizes.put(PrimKind.BOOL, 1);
        int pointer = parse(predefined.get("__SIZEOF_POINTER__"));
        boolean big = "__ORDER_BIG_ENDIAN__".equals(predefined.get("__BYTE_ORDER__"));
        return new Abi(Map.copyOf(sizes), Map.of(), pointer, 0, predefined.containsKey("__CHAR_UNSIGNED__"), big, Map.of(),
                Map.of(), Map.of());
    }

    private static void put(Map<PrimKind, Integer> sizes, Map<String, String> predefined, String macro, PrimKind... kinds) {
        int size = parse(predefined.get(macro));
        if (size > 0) {
            for (PrimKind k : kinds) {
                sizes.put(k, size);
            }
        }
    }

    private static int parse(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
