package org.example;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.example.capi.everything_t;
import org.example.capi.matrix_h;
import org.example.capi.number_t;
import org.example.capi.point_t;
import org.jembed.runtime.Export;

public final class Matrix {
    @Export public static byte echo_i8(byte v) { return v; }
    @Export public static byte echo_u8(byte v) { return v; }
    @Export public static short echo_i16(short v) { return v; }
    @Export public static short echo_u16(short v) { return v; }
    @Export public static char echo_u16_char(char v) { return v; }
    @Export public static int echo_i32(int v) { return v; }
    @Export public static int echo_u32(int v) { return v; }
    @Export public static long echo_i64(long v) { return v; }
    @Export public static long echo_u64(long v) { return v; }
    @Export public static byte echo_char(byte v) { return v; }
    @Export public static byte echo_schar(byte v) { return v; }
    @Export public static byte echo_uchar(byte v) { return v; }
    @Export public static short echo_short(short v) { return v; }
    @Export public static short echo_ushort(short v) { return v; }
    @Export public static int echo_int(int v) { return v; }
    @Export public static int echo_uint(int v) { return v; }
    @Export public static long echo_long(long v) { return v; }
    @Export public static long echo_ulong(long v) { return v; }
    @Export public static long echo_llong(long v) { return v; }
    @Export public static long echo_ullong(long v) { return v; }
    @Export public static long echo_size(long v) { return v; }
    @Export public static long echo_ssize(long v) { return v; }
    @Export public static long echo_intptr(long v) { return v; }
    @Export public static long echo_uintptr(long v) { return v; }
    @Export public static long echo_ptrdiff(long v) { return v; }

    @Export public static String u64_text(long v) { return Long.toUnsignedString(v); }
    @Export public static String u32_text(int v) { return Integer.toUnsignedString(v); }

    @Export
    public static double mixed(byte a, short b, int c, long d, float e, double f, boolean g, int h) {
        return (double) a + Short.toUnsignedInt(b) + c + d + e + f + (g ? 1 : 0) + h;
    }

    @Export public static float echo_float(float v) { return v; }
    @Export public static double echo_double(double v) { return v; }
    @Export public static boolean echo_bool(boolean v) { return v; }
    @Export public static boolean negate(boolean v) { return !v; }

    @Export
    public static int next_color(int c) {
        return c == matrix_h.RED ? matrix_h.GREEN : c == matrix_h.GREEN ? matrix_h.BLUE : matrix_h.RED;
    }

    @Export
    public static long constants_sum() {
        return matrix_h.MATRIX_VERSION + matrix_h.MATRIX_BIG + matrix_h.MATRIX_NEGATIVE + matrix_h.BLUE;
    }

    @Export
    public static point_t add_points(point_t a, point_t b) {
        point_t r = point_t.allocate(Arena.ofAuto());
        return r.x(a.x() + b.x()).y(a.y() + b.y());
    }

    @Export public static int point_sum(point_t p) { return p.x() + p.y(); }

    @Export
    public static void scale_point(point_t p, int k) {
        p.x(p.x() * k).y(p.y() * k);
    }

    /** Copies every member through the view accessors into a new struct, returned by value. */
    @Export
    public static everything_t copy_everything(everything_t e) {
        everything_t r = everything_t.allocate(Arena.ofAuto());
        r.i8(e.i8()).u8(e.u8()).i16(e.i16()).u16(e.u16()).i32(e.i32()).u32(e.u32()).i64(e.i64()).u64(e.u64());
        r.f(e.f()).d(e.d()).b(e.b()).c(e.c()).ptr(e.ptr()).text(e.text());
        for (int i = 0; i < 16; i++) {
            r.name(i, e.name(i));
        }
        for (int i = 0; i < 2; i++) {
            r.pts(i).x(e.pts(i).x()).y(e.pts(i).y());
        }
        r.inner().weight(e.inner().weight());
        for (int i = 0; i < 4; i++) {
            r.inner().tag(i, e.inner().tag(i));
        }
        // the parameter is a view over the callee's copy: writing it must not change the caller's struct
        e.i32(-1);
        return r;
    }

    /** Adds one to every numeric member, in place (the view writes C memory). */
    @Export
    public static void bump_everything(everything_t e) {
        e.i8((byte) (e.i8() + 1)).u8((byte) (e.u8() + 1)).i16((short) (e.i16() + 1)).u16((short) (e.u16() + 1));
        e.i32(e.i32() + 1).u32(e.u32() + 1).i64(e.i64() + 1).u64(e.u64() + 1);
        e.f(e.f() + 1).d(e.d() + 1).b(!e.b()).c(matrix_h.BLUE);
        e.pts(1).x(e.pts(1).x() + 1);
        e.inner().tag(3, (byte) (e.inner().tag(3) + 1));
        e.name(0, (byte) 'J');
    }

    @Export public static point_t same_point(point_t p) { return p; }

    @Export public static long number_bits(number_t n) { return n.i(); }

    @Export public static void number_set_double(number_t n, double d) { n.d(d); }

    @Export public static String echo_string(String s) { return s; }

    @Export public static String shout(String s) { return s == null ? null : s.toUpperCase(java.util.Locale.ROOT) + "!"; }

    @Export public static long utf8_bytes(String s) { return s == null ? -1 : s.getBytes(StandardCharsets.UTF_8).length; }

    @Export
    public static long raw_length(MemorySegment s) {
        if (s.address() == 0) {
            return 0;
        }
        MemorySegment text = s.reinterpret(Long.MAX_VALUE);
        long n = 0;
        while (text.get(ValueLayout.JAVA_BYTE, n) != 0) {
            n++;
        }
        return n;
    }

    @Export public static MemorySegment echo_pointer(MemorySegment p) { return p; }
    @Export public static MemorySegment echo_opaque(MemorySegment o) { return o; }
    @Export public static MemorySegment echo_int_pointer(MemorySegment p) { return p; }

    @Export
    public static long sum_i32(MemorySegment xs, long n) {
        MemorySegment array = xs.reinterpret(n * Integer.BYTES);
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += array.getAtIndex(ValueLayout.JAVA_INT, i);
        }
        return sum;
    }

    @Export
    public static void fill_squares(MemorySegment out, long n) {
        MemorySegment array = out.reinterpret(n * Double.BYTES);
        for (long i = 0; i < n; i++) {
            array.setAtIndex(ValueLayout.JAVA_DOUBLE, i, (double) i * i);
        }
    }
}
