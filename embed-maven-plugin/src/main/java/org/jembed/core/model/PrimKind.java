package org.jembed.core.model;

/**
 * The C arithmetic types (C11 6.2.5), by their keywords. Sizes are not written here: they are the compiler's
 * ({@link Abi#sizeOf(PrimKind)}).
 */
public enum PrimKind {
    BOOL("_Bool", false, false),
    CHAR("char", true, false),
    SCHAR("signed char", true, false),
    UCHAR("unsigned char", false, false),
    SHORT("short", true, false),
    USHORT("unsigned short", false, false),
    INT("int", true, false),
    UINT("unsigned int", false, false),
    LONG("long", true, false),
    ULONG("unsigned long", false, false),
    LLONG("long long", true, false),
    ULLONG("unsigned long long", false, false),
    FLOAT("float", true, true),
    DOUBLE("double", true, true),
    /** Parsed so that it can be reported; not mappable. */
    LONG_DOUBLE("long double", true, true);

    private final String spelling;
    private final boolean signed;
    private final boolean floating;

    PrimKind(String spelling, boolean signed, boolean floating) {
        this.spelling = spelling;
        this.signed = signed;
        this.floating = floating;
    }

    /** The C spelling, e.g. {@code unsigned long long}. */
    public String spelling() { return spelling; }

    /** True for signed integer types and floating types (plain {@code char}: see {@link Abi#charUnsigned()}). */
    public boolean signed() { return signed; }

    /** True for {@code float}, {@code double}, {@code long double}. */
    public boolean floating() { return floating; }

    /** The integer kind of {@code size} bytes and this signedness, preferring {@code int}, then {@code long}. */
    public static java.util.Optional<PrimKind> integer(long size, boolean signed, Abi abi) {
        PrimKind[] order = signed
                ? new PrimKind[] {INT, LONG, LLONG, SHORT, SCHAR}
                : new PrimKind[] {UINT, ULONG, ULLONG, USHORT, UCHAR};
        for (PrimKind k : order) {
            if (abi.sizeOf(k).orElse(-1) == size) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }

    /** The floating kind of {@code size} bytes. */
    public static java.util.Optional<PrimKind> floating(long size, Abi abi) {
        for (PrimKind k : new PrimKind[] {DOUBLE, FLOAT, LONG_DOUBLE}) {
            if (abi.sizeOf(k).orElse(-1) == size) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
