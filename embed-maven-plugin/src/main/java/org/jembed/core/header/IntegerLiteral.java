package org.jembed.core.header;

import java.util.OptionalLong;

/**
 * The value of a C integer literal (C11 6.4.4.1: decimal, octal, hexadecimal, with {@code u}/{@code l} suffixes), for
 * printing array lengths and bit-field widths back. Anything else (an expression) is the compiler's to evaluate.
 */
final class IntegerLiteral {
    private IntegerLiteral() {
    }

    /** The literal's value; empty when {@code text} is not a single non-negative integer literal. */
    static OptionalLong parse(String text) {
        String t = text.strip().replaceAll("(?i)(u|l|ul|lu|ll|ull|llu)$", "");
        try {
            if (t.matches("0[xX][0-9a-fA-F]+")) {
                return OptionalLong.of(Long.parseUnsignedLong(t.substring(2), 16));
            } else if (t.matches("0[0-7]*")) {
                return OptionalLong.of(t.length() == 1 ? 0 : Long.parseUnsignedLong(t.substring(1), 8));
            } else if (t.matches("[1-9][0-9]*")) {
                return OptionalLong.of(Long.parseUnsignedLong(t));
            }
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
