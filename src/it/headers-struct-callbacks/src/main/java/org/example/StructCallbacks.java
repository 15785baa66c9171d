package org.example;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.example.capi.anon_fn_t;
import org.example.capi.anon_pt;
import org.example.capi.big_op_t;
import org.example.capi.big_t;
import org.example.capi.checked_t;
import org.example.capi.cplx_t;
import org.example.capi.internal_h;
import org.example.capi.mixed_op_t;
import org.example.capi.mixed_t;
import org.example.capi.tagged_t;
import org.example.capi.vec_op_t;
import org.example.capi.vec_t;
import org.jembed.runtime.Export;

public final class StructCallbacks {
    private static final big_t BIG_ERROR = big_t.allocate(Arena.global()).a(-1).b(-1).c(-1);

    private static final MemorySegment ADDER = vec_op_t.allocate((a, b) -> {
        if (a.x() == 666) {
            throw new IllegalStateException("the adder refuses 666");
        }
        return vec_t.allocate(Arena.ofAuto()).x(a.x() + b.x()).y(a.y() + b.y());
    }, Arena.global());

    private static final MemorySegment SCALER = big_op_t.allocate((a, k) -> {
        if (k == 0) {
            throw new ArithmeticException("scale by zero");
        }
        return big_t.allocate(Arena.ofAuto()).a(a.a() * k).b(a.b() * k).c(a.c() * k);
    }, Arena.global(), BIG_ERROR);

    private static final MemorySegment MOVER = mixed_op_t.allocate(m -> {
        mixed_t r = mixed_t.allocate(Arena.ofAuto());
        r.at().x(m.at().x() + 1).y(m.at().y() + 1);
        r.w(m.w() * 2);
        for (int i = 0; i < 3; i++) {
            r.tag(i, m.tag(2 - i));
        }
        return r;
    }, Arena.global());

    private static final MemorySegment CHECKED = checked_t.allocate(x -> {
        if (x < 0) {
            throw new IllegalArgumentException("negative: " + x);
        }
        return 2 * x;
    }, Arena.global(), -1);

    @Export
    public static vec_t java_apply(MemorySegment op, vec_t a, vec_t b) {
        return vec_op_t.invoke(op, a, b);
    }

    @Export
    public static mixed_t java_apply_mixed(MemorySegment op, mixed_t m) {
        try (Arena arena = Arena.ofConfined()) {
            mixed_t r = mixed_op_t.invoke(op, arena, m);
            // copied out before the arena closes
            mixed_t out = mixed_t.allocate(Arena.ofAuto());
            out.segment().copyFrom(r.segment());
            return out;
        }
    }

    @Export
    public static MemorySegment java_adder() {
        return ADDER;
    }

    @Export
    public static MemorySegment java_scaler() {
        return SCALER;
    }

    @Export
    public static MemorySegment java_mover() {
        return MOVER;
    }

    @Export
    public static MemorySegment java_checked() {
        return CHECKED;
    }

    @Export
    public static cplx_t java_cmul(cplx_t a, cplx_t b) {
        return internal_h.c_cmul(a, b);
    }

    @Export
    public static long java_big_sum(long seed) {
        big_t r = internal_h.c_big(seed);
        return r.a() + r.b() + r.c();
    }

    @Export
    public static MemorySegment java_twice_address() {
        return internal_h.j_twice$address();
    }

    @Export
    public static int java_tagged(tagged_t t) {
        int v = t.kind() == 0 ? t.i() : (int) t.f();
        int r = v + t.lo();
        t.hi((short) 99);
        return r;
    }

    @Export
    public static anon_pt java_anon(MemorySegment fn, anon_pt p) {
        return anon_fn_t.invoke(fn, p);
    }

    @Export
    public static int j_twice(int x) {
        return 2 * x;
    }
}
