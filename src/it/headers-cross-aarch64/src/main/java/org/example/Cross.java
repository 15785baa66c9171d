package org.example;

import org.example.capi.record_t;
import org.jembed.runtime.Export;

/** The Java side as linux-aarch_64 sees cross.h: long is 8 bytes, wchar_t unsigned int, plain char unsigned. */
public final class Cross {
    @Export
    public static long total(long n, int w, long size, record_t r, int m) {
        long value = r.value();
        return n + w + size + value + r.tag() + m;
    }

    /** 200 is a char value only where plain char is unsigned. */
    @Export(error = "200")
    public static byte grade(int score) {
        return (byte) (score >= 50 ? 'A' : 'B');
    }
}
