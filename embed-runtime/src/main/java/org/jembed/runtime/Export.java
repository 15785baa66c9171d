package org.jembed.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code public static} method of a {@code public} class as the Java side of a function
 * declared in the library's API header (CFFI: {@code @ffi.def_extern()}).
 *
 * <p>The build checks every binding after {@code javac}: each declared function needs exactly one
 * {@code @Export} method, its parameter and return types must match the C prototype as the type table
 * of the jembed docs says (e.g. {@code int32_t -> int}, {@code point_t * -> point_t} view or
 * {@code MemorySegment}, {@code const char * -> String}), and each {@code @Export} must name a declared
 * function. A mismatch fails the build with the header position of the C declaration.
 *
 * <p>At run time an exception thrown by the method never crosses into C: it is printed to standard error
 * with the function's name and the C function returns its error value: {@link #error()}, else 0, {@code NULL},
 * {@code false} or a zeroed struct. With {@link #onError()} (or the library's {@code <errorHandler>} class) a handler
 * method receives the throwable, and the call's arguments if it declares them, and returns the value to give to C
 * (CFFI: {@code onerror=}); if the handler throws too, both traces are printed and the error value is returned.
 * {@code errno} is the caller's after the call unless Java set it ({@link Errno}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Export {
    /** The C function name; empty (the default) means the method's own name. */
    String value() default "";

    /**
     * The function's error value (CFFI: {@code error=}), returned when the method (or the library's start) fails.
     * Written as a Java literal of the C type: an integer ({@code "-1"}, {@code "0xFFFFFFFF"}) within the C type's
     * range, an enumerator name for an enum, {@code "true"}/{@code "false"} for {@code bool}, a floating literal or
     * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} for {@code float}/{@code double}, {@code "NULL"} for a
     * pointer. Empty (the default) means 0, {@code NULL}, {@code false} or a zeroed struct. A value that does not
     * fit the C type fails the build.
     */
    String error() default "";

    /**
     * The name of a {@code public static} method of the same class that handles a throwable of this method
     * (CFFI: {@code onerror=}): it takes a {@link Throwable}, optionally followed by this method's parameters in their
     * Java types (the call's arguments, so that it can answer the host: reply to a client, push an error value, set
     * {@link Errno}), and returns the same type as this method; what it returns goes to C. For
     * {@code int cmd(RedisModuleCtx ctx, MemorySegment argv, int argc)}: {@code int failed(Throwable t)} or
     * {@code int failed(Throwable t, RedisModuleCtx ctx, MemorySegment argv, int argc)}; with both, the second is
     * used. Empty (the default): the library's {@code <errorHandler>} class if the pom sets one, else the trace is
     * printed and the error value returned. A missing or mismatched handler fails the build.
     */
    String onError() default "";
}
