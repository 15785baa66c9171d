package org.jembed.core.model;

/**
 * C arithmetic types, with their size and alignment on LP64 (System V x86-64 / AArch64 ABI).
 * Sizes are in bytes.
 */
public enum PrimKind {
    BOOL("_Bool", 1, false, false),
    CHAR("char", 1, true, false),
    SCHAR("signed char", 1, true, false),
    UCHAR("unsigned char", 1, false, false),
    SHORT("short", 2, true, false),
    USHORT("unsigned short", 2, false, false),
    INT("int", 4, true, false),
    UINT("unsigned int", 4, false, false),
    LONG("long", 8, true, false),
    ULONG("unsigned long", 8, false, false),
    LLONG("long long", 8, true, false),
    ULLONG("unsigned long long", 8, false, false),
    FLOAT("float", 4, true, true),
    DOUBLE("double", 8, true, true),
    /** Parsed so that it can be reported; not mappable. */
    LONG_DOUBLE("long double", 16, true, true);

    private final String spelling;
    private final int size;
    private final boolean signed;
    private final boolean floating;

    PrimKind(String spelling, int size, boolean signed, boolean floating) {
        this.spelling = spelling;
        this.size = size;
        this.signed = signed;
        this.floating = floating;
    }

    /** The C spelling, e.g. {@code unsigned long long}. */
    public String spelling() { return spelling; }

    /** {@code sizeof} in bytes; alignment equals size on LP64 for every kind. */
    public int size() { return size; }

    /** True for signed integer types and floating types ({@code char} is signed on x86-64). */
    public boolean signed() { return signed; }

    /** True for {@code float}, {@code double}, {@code long double}. */
    public boolean floating() { return floating; }
}
