package org.jembed.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Java methods handed to C as function pointers (FFM upcall stubs, made by the generated {@code allocate} methods).
 * An FFM upcall whose target throws terminates the process (the {@link java.lang.foreign.Linker} javadoc, "Upcalls");
 * so every target is {@linkplain #guard guarded}: an exception is printed on {@code stderr} and C gets the function
 * pointer type's error value instead ({@code 0}, {@code false}, {@code 0.0} or {@code NULL}).
 */
public final class Upcalls {
    private static final MethodHandle REPORT;

    static {
        try {
            REPORT = MethodHandles.lookup().findStatic(Upcalls.class, "report",
                    MethodType.methodType(void.class, String.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Upcalls() {
    }

    /**
     * {@code target} with every {@link Throwable} caught: printed with {@code what}, then the error value of the
     * return type is returned ({@code void}: nothing).
     *
     * @param target the Java method, typed with the function pointer's FFM carriers
     * @param what   the function pointer type's C name, for the message
     * @return a handle of the same type that never throws
     */
    public static MethodHandle guard(MethodHandle target, String what) {
        MethodType type = target.type();
        Class<?> r = type.returnType();
        MethodHandle value;
        if (r == void.class) {
            value = MethodHandles.empty(MethodType.methodType(void.class));
        } else if (r == MemorySegment.class) {
            value = MethodHandles.constant(MemorySegment.class, MemorySegment.NULL);
        } else {
            value = MethodHandles.zero(r);
        }
        // (Throwable) -> R: report, then the error value
        MethodHandle handler = MethodHandles.foldArguments(MethodHandles.dropArguments(value, 0, Throwable.class),
                REPORT.bindTo(what));
        List<Class<?>> params = type.parameterList();
        handler = MethodHandles.dropArguments(handler, 1, params);
        return MethodHandles.catchException(target, Throwable.class, handler);
    }

    private static void report(String what, Throwable t) {
        System.err.println("jembed: a Java method called from C through a '" + what + "' pointer threw; C gets the"
                + " error value");
        t.printStackTrace();
        System.err.flush();
    }
}
