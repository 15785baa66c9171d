package org.jembed.runtime;

import java.lang.foreign.MemorySegment;

/**
 * Conversions between NUL-terminated C strings and Java strings. C strings are UTF-8 (C11 7.1.1 "string").
 */
public final class CString {
    private CString() {
    }

    /**
     * Copies the NUL-terminated UTF-8 string at {@code address} into a Java string.
     *
     * @param address a C {@code const char *}; 0 ({@code NULL}) gives {@code null}
     * @return the decoded string; malformed UTF-8 is replaced with U+FFFD
     */
    public static String read(long address) {
        if (address == 0) {
            return null;
        }
        return MemorySegment.ofAddress(address).reinterpret(Long.MAX_VALUE).getString(0);
    }
}
