package org.jembed.core.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the C compiler that builds the library answered about the target and the header: the sizes of the scalar
 * types (from its predefined {@code __SIZEOF_*__} macros, read during preprocessing), and, from the probe compile
 * ({@code org.jembed.core.header.Probe}), the size, alignment and member offsets of every struct and union and the
 * size of every variable. jembed never computes any of these itself.
 *
 * @param scalarSizes  {@code sizeof} of each arithmetic type, in bytes; a kind is absent when the compiler did not say
 * @param pointerSize  {@code sizeof(void *)}, in bytes (0 when unknown)
 * @param charUnsigned true when plain {@code char} is unsigned on the target
 * @param bigEndian    true on a big-endian target
 * @param structs      struct key ({@link StructDecl#key()}) to its layout, for every complete struct the probe could name
 * @param globals      variable name to its {@code sizeof}, for every complete variable
 */
public record Abi(Map<PrimKind, Integer> scalarSizes, int pointerSize, boolean charUnsigned, boolean bigEndian,
                  Map<String, StructLayout> structs, Map<String, Long> globals) {

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

    /** Nothing known: what a model parsed without a compiler carries (unit tests). */
    public static Abi unknown() {
        return new Abi(Map.of(), 0, false, false, Map.of(), Map.of());
    }

    /** The same facts with the probe's struct layouts and variable sizes. */
    public Abi withProbed(Map<String, StructLayout> probedStructs, Map<String, Long> probedGlobals) {
        return new Abi(scalarSizes, pointerSize, charUnsigned, bigEndian, Map.copyOf(probedStructs), Map.copyOf(probedGlobals));
    }

    /** {@code sizeof} of an arithmetic type, when the compiler said. */
    public OptionalLong sizeOf(PrimKind kind) {
        Integer s = scalarSizes.get(kind);
        return s == null ? OptionalLong.empty() : OptionalLong.of(s);
    }

    /** The layout of struct {@code key}, when the probe could ask for it. */
    public Optional<StructLayout> struct(String key) {
        return Optional.ofNullable(structs.get(key));
    }

    /**
     * The target facts gcc predefines ({@code __SIZEOF_INT__} 4, {@code __CHAR_UNSIGNED__}, {@code __BYTE_ORDER__}),
     * as printed by {@code gcc -E -dD} under {@code <built-in>}.
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
        return new Abi(Map.copyOf(sizes), pointer, predefined.containsKey("__CHAR_UNSIGNED__"), big, Map.of(), Map.of());
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
