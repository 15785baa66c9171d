package org.example;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;
import org.example.capi.errs_h;
import org.example.capi.point_t;
import org.jembed.runtime.Export;

public final class Errs {
    private static final AtomicInteger HANDLED = new AtomicInteger();

    private static void maybe(boolean fail) {
        if (fail) {
            throw new IllegalStateException("asked to fail");
        }
    }

    @Export(error = "-1") public static int f_i32(boolean fail) { maybe(fail); return 5; }
    @Export(error = "-9223372036854775808") public static long f_i64(boolean fail) { maybe(fail); return 5; }
    @Export(error = "0xFFFFFFFFFFFFFFFF") public static long f_u64(boolean fail) { maybe(fail); return 5; }
    @Export(error = "255") public static byte f_u8(boolean fail) { maybe(fail); return 5; }
    @Export(error = "NaN") public static double f_double(boolean fail) { maybe(fail); return 5; }
    @Export(error = "-Infinity") public static float f_float(boolean fail) { maybe(fail); return 5; }
    @Export(error = "true") public static boolean f_bool(boolean fail) { maybe(fail); return false; }
    @Export(error = "WORSE") public static int f_status(boolean fail) { maybe(fail); return errs_h.OK; }
    @Export public static MemorySegment f_pointer(boolean fail) { maybe(fail); return MemorySegment.ofAddress(16); }
    @Export public static int f_default(boolean fail) { maybe(fail); return 5; }

    @Export
    public static point_t f_point(boolean fail) {
        maybe(fail);
        return point_t.allocate(Arena.ofAuto()).x(5).y(6);
    }

    @Export(onError = "i32Failed")
    public static int h_i32(int x) {
        if (x < 0) {
            throw new IllegalArgumentException("negative");
        }
        return x;
    }

    public static int i32Failed(Throwable t) {
        return 1000 + t.getMessage().length();
    }

    @Export(onError = "stringFailed")
    public static String h_string(String s) {
        return s.toUpperCase(java.util.Locale.ROOT);
    }

    public static String stringFailed(Throwable t) {
        return "recovered: " + t.getClass().getSimpleName();
    }

    @Export(onError = "pointFailed")
    public static point_t h_point(int x) {
        throw new IllegalStateException(Integer.toString(x));
    }

    public static point_t pointFailed(Throwable t) {
        int x = Integer.parseInt(t.getMessage());
        return point_t.allocate(Arena.ofAuto()).x(x).y(-x);
    }

    @Export(onError = "voidFailed")
    public static void h_void(boolean fail) {
        maybe(fail);
    }

    public static void voidFailed(Throwable t) {
        HANDLED.incrementAndGet();
    }

    @Export public static int handled_count() { return HANDLED.get(); }

    @Export(error = "-7", onError = "throwsToo")
    public static int h_throws() {
        throw new IllegalStateException("first failure");
    }

    public static int throwsToo(Throwable t) {
        throw new UnsupportedOperationException("handler failure");
    }
}
