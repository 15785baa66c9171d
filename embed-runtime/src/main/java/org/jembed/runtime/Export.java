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
 * with the function's name and the C function returns its error value (0 or {@code NULL}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Export {
    /** The C function name; empty (the default) means the method's own name. */
    String value() default "";
}
