package org.example;

import org.example.capi.point_t;
import org.jembed.runtime.Export;

public final class Leaky {
    @Export
    public static int sum_point(point_t p) {
        return p.x() + p.y();
    }

    @Export
    public static int utf8_length(String s) {
        return s == null ? -1 : s.codePointCount(0, s.length());
    }

    @Export
    public static int fail_if_negative(int x) {
        if (x < 0) {
            throw new IllegalArgumentException("negative: " + x);
        }
        return x;
    }
}
