package org.jembed.core.model;

/**
 * An object-like {@code #define} whose replacement the compiler accepted as a constant, with the type the compiler
 * gave it.
 *
 * @param name  the macro name
 * @param value its value
 * @param pos   where the {@code #define} is
 */
public record ConstantDecl(String name, Value value, SourcePos pos) {

    /** A constant's value and C type. */
    public sealed interface Value {}

    /**
     * An integer constant.
     *
     * @param bits   the value's bits, sign- or zero-extended to 64 by its own signedness
     * @param size   {@code sizeof} its type (after the integer promotions), in bytes
     * @param signed true when its type is signed
     */
    public record IntValue(long bits, int size, boolean signed) implements Value {}

    /**
     * A floating constant ({@code float} or {@code double}).
     *
     * @param value the value as a double
     */
    public record FloatValue(double value) implements Value {}

    /**
     * A string literal, decoded as UTF-8 (without the terminating NUL).
     *
     * @param text the string
     */
    public record StringValue(String text) implements Value {}

    /** An {@code int} constant, e.g. for unit tests. */
    public ConstantDecl(String name, long value, SourcePos pos) {
        this(name, new IntValue(value, value == (int) value ? 4 : 8, true), pos);
    }
}
