package org.example;

import org.example.capi.record_t;
import org.jembed.runtime.Export;

/** The Java side as windows-x86_64 sees cross.h: long is 4 bytes (LLP64), wchar_t unsigned short, size_t 8 bytes. */
public final class Cross {
    @Export
    public static int total(int n, char w, long size, record_t r, int m) {
        int value = r.value();
        return (int) (n + w + size + value + r.tag() + m);
    }

    @Export(error = "-1")
    public static byte grade(int score) {
        return (byte) (score >= 50 ? 'A' : 'B');
    }
}
