package org.jembed.runtime;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The Java side of the host's non-local exits ({@link HostError}, {@link HostException}): each thread's pending exit
 * lives in the library's C ({@code <name>_host.c}: {@code jembed_nonlocal_*}), whose functions are the first
 * entries of the symbol table ({@link Symbols}). Used by generated code and the runtime only.
 */
public final class NonLocal {
    private NonLocal() {
    }

    /** The symbol-table entries of the library's non-local functions, in the order {@code SymbolTable} writes them. */
    static final int RAISE = 0, DEFER = 1, CAUGHT = 2, ARM = 3;

    private static final Linker LINKER = Linker.nativeLinker();

    private static final class Handles {
        static final MethodHandle RAISE = LINKER.downcallHandle(Symbols.address(NonLocal.class, NonLocal.RAISE, 0L),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        static final MethodHandle DEFER = LINKER.downcallHandle(Symbols.address(NonLocal.class, NonLocal.DEFER, 0L),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        static final MethodHandle CAUGHT = LINKER.downcallHandle(Symbols.address(NonLocal.class, NonLocal.CAUGHT, 0L),
                FunctionDescriptor.of(ValueLayout.ADDRESS));
        static final MethodHandle ARM = LINKER.downcallHandle(Symbols.address(NonLocal.class, NonLocal.ARM, 0L),
                FunctionDescriptor.ofVoid());
    }

    /** Records a raise with {@code message} for the glue (state RAISE). */
    static void raiseMessage(String message) {
        int status;
        try (Arena arena = Arena.ofConfined()) {
            status = (int) Handles.RAISE.invokeExact(arena.allocateFrom(message));
        } catch (Throwable t) {
            throw Symbols.rethrow(t);
        }
        if (status != 0) {
            throw new IllegalStateException("HostError.raise needs the library's <hostGuard> (lua, postgresql, or a guard"
                    + " header of the project's): it says how the host raises an error");
        }
    }

    /**
     * Records a call of a host function that does not return ({@code lua_error}) for the glue to make once Java has
     * returned, and returns the exception that takes Java there. Used by the generated methods of
     * {@code <raisingFunctions>}.
     *
     * @param thunk the symbol-table entry of the glue's thunk, which calls the function with the slots as its
     *              arguments
     * @param owner a class of the library, to find its symbol table
     * @param slots the arguments as 64-bit slots (pointers as addresses, integers sign-extended), at most 6
     * @return the exception to throw
     */
    public static HostError defer(Class<?> owner, int thunk, long... slots) {
        long[] s = java.util.Arrays.copyOf(slots, 6);
        try {
            Handles.DEFER.invokeExact(Symbols.address(owner, thunk, 0L), s[0], s[1], s[2], s[3], s[4], s[5]);
        } catch (Throwable t) {
            throw Symbols.rethrow(t);
        }
        return new HostError("a non-local exit of the host, after Java returns");
    }

    /**
     * After a protected host call: throws the host's error as a {@link HostException} when the call raised one (the
     * guard caught it), else returns. Used by generated downcalls of {@code <protectedFunctions>}.
     *
     * @throws HostException with the host's message
     */
    public static void check() {
        MemorySegment message;
        try {
            message = (MemorySegment) Handles.CAUGHT.invokeExact();
        } catch (Throwable t) {
            throw Symbols.rethrow(t);
        }
        if (message.address() != 0L) {
            throw new HostException(message.reinterpret(Long.MAX_VALUE).getString(0));
        }
    }

    /**
     * A Java exception leaves an exported method of a library with a host guard: it is printed to {@code System.err}
     * (as an uncaught exception is) and raised as the host's error with its text once Java has returned. Called by the
     * generated bridges only.
     *
     * @param function the exported function's C name, for the printed line
     * @return the exception that takes Java back to the glue
     */
    public static HostError raiseUncaught(Throwable t, String function) {
        System.err.println("jembed: " + function + " threw a Java exception; raising it as the host's error");
        t.printStackTrace();
        raiseMessage(t.toString());
        return new HostError(t.toString());
    }

    /**
     * A {@link HostException} leaves the exported Java method: the glue re-raises the host's kept error. Called by
     * the generated bridges only.
     */
    public static void arm() {
        try {
            Handles.ARM.invokeExact();
        } catch (Throwable t) {
            throw Symbols.rethrow(t);
        }
    }
}
