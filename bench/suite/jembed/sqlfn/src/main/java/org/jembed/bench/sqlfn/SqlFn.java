package org.jembed.bench.sqlfn;

import org.jembed.runtime.Export;

/** The Java side of the SQLite workload: f's body, called by user C for every row. */
public final class SqlFn {
    private SqlFn() {
    }

    /** The sum of the decimal digits in {@code s} (other characters count 0). */
    @Export(error = "-1")
    public static long digit_sum(String s) {
        long sum = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sum += c - '0';
            }
        }
        return sum;
    }
}
