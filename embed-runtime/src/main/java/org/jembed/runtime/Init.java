package org.jembed.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code public static void} method with no parameters as init code of the library
 * (CFFI: {@code embedding_init_code}). Init code runs once per library, on the thread that makes the
 * first call, after the JVM is up and the library's class loader exists, and before that first call is
 * dispatched; other threads calling meanwhile wait. Calls made from init code back into the library's
 * own exported functions (through user C) are dispatched directly.
 *
 * <p>Several {@code @Init} methods run in the order of their class names, then method names.
 * If one throws, start fails for good: the trace is printed once to standard error and every exported
 * function returns its error value from then on.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Init {
}
