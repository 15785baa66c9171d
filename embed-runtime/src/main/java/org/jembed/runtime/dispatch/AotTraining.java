package org.jembed.runtime.dispatch;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The FFM part of a start-up cache's training run (the plugin's {@code <startupCache>}): builds one upcall stub of
 * each of the shapes {@link FfmDispatch} builds most (bridge wrappers: the C parameters as Java primitives plus the
 * {@code long} address of the caller's {@code failed} flag), so that the JDK classes, method handles and lambda forms
 * of upcall stub creation are in the cache and a library's later FFM swap costs less. Never used by a running
 * library: the training driver defines this class from its bytes and calls {@link #run()} after the library started.
 */
public final class AotTraining {
    private AotTraining() {
    }

    /**
     * Builds the stubs (in a confined arena, closed at once).
     *
     * @throws Throwable when FFM refuses (the training run then reports it and the cache holds the start only)
     */
    public static void run() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        ValueLayout.OfLong j = ValueLayout.JAVA_LONG;
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        try (Arena arena = Arena.ofConfined()) {
            linker.upcallStub(lookup.findStatic(AotTraining.class, "jj", MethodType.methodType(long.class, long.class, long.class)),
                    FunctionDescriptor.of(j, j, j), arena);
            linker.upcallStub(lookup.findStatic(AotTraining.class, "iij", MethodType.methodType(int.class, int.class, int.class, long.class)),
                    FunctionDescriptor.of(i, i, i, j), arena);
            linker.upcallStub(lookup.findStatic(AotTraining.class, "ij", MethodType.methodType(int.class, long.class, long.class)),
                    FunctionDescriptor.of(i, j, j), arena);
            linker.upcallStub(lookup.findStatic(AotTraining.class, "vj", MethodType.methodType(void.class, long.class, long.class)),
                    FunctionDescriptor.ofVoid(j, j), arena);
            linker.upcallStub(lookup.findStatic(AotTraining.class, "dj", MethodType.methodType(double.class, double.class, long.class)),
                    FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE, j), arena);
        }
    }

    private static long jj(long a, long failed) {
        return a;
    }

    private static int iij(int a, int b, long failed) {
        return a + b;
    }

    private static int ij(long a, long failed) {
        return (int) a;
    }

    private static void vj(long a, long failed) {
    }

    private static double dj(double a, long failed) {
        return a;
    }
}
