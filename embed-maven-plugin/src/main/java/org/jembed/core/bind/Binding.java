package org.jembed.core.bind;

import java.util.List;
import org.jembed.core.model.FunctionDecl;

/**
 * One exported function paired with the {@code @Export} method that implements it, and how each value
 * crosses between them.
 *
 * @param function the C declaration
 * @param method   the Java method
 * @param params   one crossing per parameter, in order
 * @param result   the return value's crossing
 */
public record Binding(FunctionDecl function, ExportScanner.Found method, List<Crossing> params, Crossing result) {

    /** How a value is converted on the Java side of the bridge. */
    public enum Conversion {
        /** A Java primitive, passed as it is. */
        DIRECT,
        /** A struct pointer, as a generated view ({@code ofAddress}/{@code Pointers.address}). */
        VIEW,
        /** A pointer, as a {@code MemorySegment}. */
        SEGMENT,
        /** A {@code const char *}, as a {@code String} (UTF-8, copied). */
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

    /** The bridge method's descriptor, e.g. {@code (J)I}. */
    public String bridgeDescriptor() {
        StringBuilder sb = new StringBuilder("(");
        params.forEach(p -> sb.append(p.bridgeType()));
        return sb.append(')').append(result.bridgeType()).toString();
    }
}
