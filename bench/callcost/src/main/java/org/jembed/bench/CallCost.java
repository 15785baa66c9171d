package org.jembed.bench;

import org.jembed.bench.capi.point_t;
import org.jembed.runtime.Export;

/** The Java side of the call-cost benchmark: the cheapest possible bodies, so the figures are the crossing. */
public final class CallCost {
    private CallCost() {
    }

    @Export
    public static void noop() {
    }

    @Export
    public static int add(int a, int b) {
        return a + b;
    }

    @Export
    public static int sum_point(point_t p) {
        return p.x() + p.y();
    }
}
