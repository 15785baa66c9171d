package org.jembed.core.bind;

import java.util.List;
import java.util.Optional;
import org.jembed.core.model.FunctionDecl;

/**
 * One C function paired with the {@code @Export} method that implements it, and how each value crosses between
 * them.
 *
 * @param function   the C declaration
 * @param method     the Java method
 * @param params     one crossing per parameter, in order
 * @param result     the return value's crossing
 * @param internal   true for a function of the internal header: defined with hidden visibility, for user C only
 * @param errorValue what the C function returns when Java threw or the library could not start
 * @param onError    the {@code onError} handler, a public static method of the method's class
 */
public record Binding(FunctionDecl function, ExportScanner.Found method, List<Crossing> params, Crossing result,
                      boolean internal, ErrorValue errorValue, Optional<Handler> onError) {

    /** An exported binding with the default error value and no handler. */
    public Binding(FunctionDecl function, ExportScanner.Found method, List<Crossing> params, Crossing result) {
        this(function, method, params, result, false, ErrorValue.DEFAULT, Optional.empty());
    }

    /** How a value is converted on the Java side of the bridge. */
    public enum Conversion {
        /** A Java primitive, passed as it is. */
        DIRECT,
        /** A struct pointer, as a generated view ({@code ofAddress}/{@code Pointers.address}). */
        VIEW,
        /**
         * A struct by value: a parameter is a view over the C function's own copy (its address crosses); a result's
         * view is copied into a per-thread buffer whose address the glue copies from.
         */
        STRUCT_VALUE,
        /** A pointer, as a {@code MemorySegment}. */
        SEGMENT,
        /** A {@code const char *}, as a {@code String} (UTF-8, copied; a result is copied into a per-thread buffer). */
        STRING
    }

    /**
     * One value's crossing.
     *
     * @param conversion how the bridge converts it
     * @param javaType   the JVM descriptor in the {@code @Export} method's signature
     */
    public record Crossing(Conversion conversion, String javaType) {
        /** The descriptor in the bridge method, i.e. what JNI passes: the primitive itself or {@code J} (an address). */
        public String bridgeType() {
            return conversion == Conversion.DIRECT ? javaType : "J";
        }
    }

    /**
     * A function's error value.
     *
     * @param cExpression the C expression the glue returns, e.g. {@code ((int32_t)(-1LL))}; empty for the default
     *                    (0, {@code NULL}, {@code false}, a zeroed struct)
     * @param text        how messages show it, e.g. {@code -1}; empty for the default
     */
    public record ErrorValue(String cExpression, String text) {
        /** 0, {@code NULL}, {@code false} or a zeroed struct. */
        public static final ErrorValue DEFAULT = new ErrorValue("", "");

        /** True when the pom or annotation gave none. */
        public boolean isDefault() {
            return cExpression.isEmpty();
        }
    }

    /**
     * An {@code onError} handler: the binding's own ({@code @Export(onError = ...)}) or the library's default
     * ({@code <errorHandler>}).
     *
     * @param className     internal name of its class
     * @param methodName    its name
     * @param descriptor    {@code (Ljava/lang/Throwable;)R}, or {@code (Ljava/lang/Throwable;P...)R} with the
     *                      {@code @Export} method's parameter types
     * @param withArguments whether it takes the call's arguments after the throwable
     */
    public record Handler(String className, String methodName, String descriptor, boolean withArguments) {
        /** A handler that takes the throwable only. */
        public Handler(String className, String methodName, String descriptor) {
            this(className, methodName, descriptor, false);
        }
    }

    /** The bridge method's descriptor, e.g. {@code (J)I}. */
    public String bridgeDescriptor() {
        StringBuilder sb = new StringBuilder("(");
        params.forEach(p -> sb.append(p.bridgeType()));
        return sb.append(')').append(result.bridgeType()).toString();
    }
}
