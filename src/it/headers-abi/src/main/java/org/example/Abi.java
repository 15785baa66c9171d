package org.example;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.example.capi.abi_h;
import org.example.capi.packed_t;
import org.example.capi.pragma_t;
import org.jembed.runtime.Export;

public final class Abi {
    private static final MethodHandle FPUTS = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("fputs").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));

    @Export
    public static int at_vol(MemorySegment counter) {
        MemorySegment c = counter.reinterpret(4);
        int v = c.get(ValueLayout.JAVA_INT, 0) + 1;
        c.set(ValueLayout.JAVA_INT, 0, v);
        return v;
    }

    @Export
    public static int packed_sum(packed_t p) {
        p.value(p.value() + 1);
        return (p.tag() & 0xff) + (p.port() & 0xffff);
    }

    @Export
    public static int pragma_fill(pragma_t p, double d) {
        p.c((byte) 'x').d(d).n(42);
        return 0;
    }

    @Export
    public static pragma_t pragma_make(int n) {
        return pragma_t.allocate(Arena.ofAuto()).c((byte) 'm').d(1.5).n(n);
    }

    @Export
    public static long add_seconds(long t, int seconds) {
        return t + seconds;
    }

    @Export
    public static int write_line(MemorySegment out, String text) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            return (int) FPUTS.invokeExact(arena.allocateFrom(text + "\n"), out);
        }
    }

    @Export
    public static int install_hook(int x) {
        abi_h.abi_hook(abi_h.abi_hook.allocate(v -> v * 3, Arena.global()));
        return abi_h.abi_hook.invoke(abi_h.abi_hook(), x);
    }

    @Export
    public static int constants_mismatches() {
        int bad = 0;
        bad += abi_h.ALL_ONES == -1L ? 0 : 1;
        bad += abi_h.NO_SIZE == -1L ? 0 : 1;
        bad += abi_h.BIG == -1L ? 0 : 1;
        bad += abi_h.MASK == -1 ? 0 : 1;
        bad += abi_h.NEG == -7 ? 0 : 1;
        bad += abi_h.GREETING.equals("h\u00e9llo \"abi\"") ? 0 : 1;
        bad += abi_h.RATIO == 0.25 ? 0 : 1;
        bad += abi_h.HALF == 0.5 ? 0 : 1;
        bad += abi_h.RECORD_BYTES == 10L ? 0 : 1;
        bad += abi_h.FLAG_ALL == -1 ? 0 : 1;
        bad += packed_t.SIZE == 7 && pragma_t.SIZE == 13 ? 0 : 1;
        return bad;
    }
}
