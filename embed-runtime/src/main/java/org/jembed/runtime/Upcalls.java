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
    private static final MethodHandle SEGMENT;

    static {
        try {
            REPORT = MethodHandles.lookup().findStatic(Upcalls.class, "report",
                    MethodType.methodType(void.class, String.class, Throwable.class));
            SEGMENT = MethodHandles.lookup().findVirtual(StructView.class, "segment", MethodType.methodType(MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Upcalls() {
    }

    /**
     * {@code target} with every {@link Throwable} caught: printed with {@code what}, then the error value of the
     * return type is returned ({@code 0}, {@code false}, {@code 0.0}, {@code NULL}; {@code void}: nothing).
     *
     * @param target the Java method, typed with the function pointer's FFM carriers
     * @param what   the function pointer type's C name, for the message
     * @return a handle of the same type that never throws
     */
    public static MethodHandle guard(MethodHandle target, String what) {
        Class<?> r = target.type().returnType();
        if (r == void.class) {
            return guard(target, what, MethodHandles.empty(MethodType.methodType(void.class)));
        }
        return guard(target, what, r == MemorySegment.class ? MemorySegment.NULL : MethodHandles.zero(r));
    }

    /**
     * {@code target} with every {@link Throwable} caught: printed with {@code what}, then {@code errorValue} is
     * returned (a struct result: a segment of the struct, which the upcall stub copies).
     *
     * @param target     the Java method, typed with the function pointer's FFM carriers
     * @param what       the function pointer type's C name, for the message
     * @param errorValue what C gets: a boxed primitive or a {@link MemorySegment} of the return type
     * @return a handle of the same type that never throws
     * @throws ClassCastException when {@code errorValue} does not fit the return type
     */
    public static MethodHandle guard(MethodHandle target, String what, Object errorValue) {
        MethodType type = target.type();
        Class<?> r = type.returnType();
        MethodHandle value;
        if (errorValue instanceof MethodHandle h) {
            value = h;
        } else if (r.isPrimitive()) {
            value = MethodHandles.constant(r, errorValue);
        } else {
            value = MethodHandles.constant(r, r.cast(errorValue));
        }
        // (Throwable) -> R: report, then the error value
        MethodHandle handler = MethodHandles.foldArguments(MethodHandles.dropArguments(value, 0, Throwable.class),
                REPORT.bindTo(what));
        List<Class<?>> params = type.parameterList();
        handler = MethodHandles.dropArguments(handler, 1, params);
        return MethodHandles.catchException(target, Throwable.class, handler);
    }

    /**
     * {@code apply} (typed with struct views) retyped to {@code ffm} (the descriptor's carriers, where a struct by
     * value is a {@link MemorySegment}): each struct argument is wrapped in its view (valid during the call), a
     * returned view gives its segment, which the upcall stub copies.
     *
     * @param lookup a lookup that can see the views' public {@code (MemorySegment)} constructors
     * @param apply  the bound Java method
     * @param ffm    {@code DESCRIPTOR.toMethodType()}
     * @return a handle of type {@code ffm}
     * @throws IllegalArgumentException when a view has no such constructor
     */
    public static MethodHandle adapt(MethodHandles.Lookup lookup, MethodHandle apply, MethodType ffm) {
        MethodHandle out = apply;
        MethodType type = apply.type();
        try {
            for (int i = 0; i < type.parameterCount(); i++) {
                Class<?> view = type.parameterType(i);
                if (StructView.class.isAssignableFrom(view)) {
                    out = MethodHandles.filterArguments(out, i,
                            lookup.findConstructor(view, MethodType.methodType(void.class, MemorySegment.class)));
                }
            }
            if (StructView.class.isAssignableFrom(type.returnType())) {
                out = MethodHandles.filterReturnValue(out, SEGMENT.asType(MethodType.methodType(MemorySegment.class,
                        type.returnType())));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("a struct view cannot be made: " + e, e);
        }
        return out.asType(ffm);
    }

    private static void report(String what, Throwable t) {
        System.err.println("jembed: a Java method called from C through a '" + what + "' pointer threw; C gets the"
                + " error value");
        t.printStackTrace();
        System.err.flush();
    }
}
