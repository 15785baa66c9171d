package org.jembed.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Sets what the C caller of the current exported function finds in {@code errno} (C11 7.5) when the call returns, for
 * hosts that read it after a call: {@code Errno.set(34)} for {@code ERANGE} on Linux (the numbers are the platform's,
 * {@code <errno.h>}). Without it, every exported call leaves {@code errno} as its caller had it: jembed's own work
 * (the start, attaching the thread, the dispatch) and the JVM's never show.
 *
 * <p>A pointer argument that is the caller's {@code errno} itself, as glibc's NSS passes {@code int *errnop}, needs
 * no call here: what Java writes through it reaches the caller ({@code errnop.reinterpret(4).set(JAVA_INT, 0, 34)}).
 *
 * <p>Only a call made on the thread of an exported function's call, while it runs, has an effect: the value applies
 * when the innermost such call returns (also when it returns its error value after an exception); the last call wins.
 * Each jembed library has its own copy of this class and sets its own callers' {@code errno}.
 */
public final class Errno {
    private static volatile MethodHandle setErrno;

    private Errno() {
    }

    /**
     * Sets {@code errno} for the C caller of the current exported call.
     *
     * @param value the {@code errno} value, e.g. {@code 34} ({@code ERANGE} on Linux)
     * @throws IllegalStateException when this class was not loaded from a jembed library
     */
    public static void set(int value) {
        call(0, value);
    }

    /**
     * Windows: sets what the C caller of the current exported call gets from {@code GetLastError()} when it returns
     * ({@code SetLastError}); without it, the caller's last-error code is kept across the call. Elsewhere: nothing.
     *
     * @param value the error code, e.g. {@code 2} ({@code ERROR_FILE_NOT_FOUND})
     * @throws IllegalStateException when this class was not loaded from a jembed library
     */
    public static void setLastError(int value) {
        call(1, value);
    }

    private static void call(int which, int value) {
        MethodHandle h = setErrno;
        if (h == null) {
            h = find();
            setErrno = h;
        }
        try {
            h.invokeExact(which, value);
        } catch (Throwable t) {
            throw Symbols.rethrow(t);
        }
    }

    /** The library's bridge method {@code $setErrno(II)V}, native, registered by the C runtime at start. */
    private static MethodHandle find() {
        ClassLoader loader = Errno.class.getClassLoader();
        try {
            String library = (String) loader.getClass().getMethod("libraryName").invoke(loader);
            Class<?> bridge = Class.forName("org.jembed.generated." + library + ".Bridge", false, loader);
            return MethodHandles.publicLookup().findStatic(bridge, "$setErrno",
                    MethodType.methodType(void.class, int.class, int.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("org.jembed.runtime.Errno was not loaded from a jembed library (its loader"
                    + " is " + loader + "): there is no C caller whose errno it could set", e);
        }
    }
}
