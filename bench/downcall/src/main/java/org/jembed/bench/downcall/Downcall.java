package org.jembed.bench.downcall;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.jembed.bench.downcall.capi.target_h;
import org.jembed.runtime.Export;

/** Java calling C: the generated downcalls of a host's functions against a hand-written FFM downcall. */
public final class Downcall {
    private Downcall() {
    }

    /** The baseline: what a user writes by hand with FFM, a static final handle bound to the function's address. */
    private static final class Hand {
        static final MethodHandle INC = Linker.nativeLinker().downcallHandle(target_h.target_inc_address(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    private static int viaGenerated(long n) {
        int x = 0;
        for (long i = 0; i < n; i++) {
            x = target_h.target_inc(x);
        }
        return x;
    }

    private static int viaHand(long n) throws Throwable {
        int x = 0;
        for (long i = 0; i < n; i++) {
            x = (int) Hand.INC.invokeExact(x);
        }
        return x;
    }

    private static int viaPointer(long n) {
        int x = 0;
        for (long i = 0; i < n; i++) {
            x = target_h.target_inc_pointer(x);
        }
        return x;
    }

    private static int run(int which, long n) throws Throwable {
        return switch (which) {
            case 0 -> viaGenerated(n);
            case 1 -> viaHand(n);
            default -> viaPointer(n);
        };
    }

    /** See downcall.h. */
    @Export
    public static long java_calls_c(int which, long n) throws Throwable {
        if (run(which, n) != (int) n) {
            throw new IllegalStateException("wrong result");
        }
        long start = System.nanoTime();
        int x = run(which, n);
        long elapsed = System.nanoTime() - start;
        if (x != (int) n) {
            throw new IllegalStateException("wrong result");
        }
        return elapsed * 1000 / n;
    }
}
