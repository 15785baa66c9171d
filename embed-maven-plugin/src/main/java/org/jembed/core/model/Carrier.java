package org.jembed.core.model;

import java.util.Optional;

/**
 * The one table from C scalars to their JVM carriers: every renderer (bindings, glue, views, invokers) reads it.
 * A C arithmetic type is carried by the Java primitive of its size (its size being the compiler's,
 * {@link Abi#sizeOf(PrimKind)}); unsigned values keep their bits.
 *
 * @param javaType   the Java source type, e.g. {@code int}
 * @param descriptor the JVM descriptor, e.g. {@code I}
 * @param jniType    the JNI type, e.g. {@code jint}
 * @param jvalue     the {@code jvalue} union member, e.g. {@code i}
 * @param jniCall    the JNI {@code CallStatic<T>MethodA} infix, e.g. {@code Int}
 * @param ffmLayout  the FFM {@code ValueLayout} constant, e.g. {@code ValueLayout.JAVA_INT}
 * @param bytes      the Java value's size in bytes
 */
public enum Carrier {
    BOOLEAN("boolean", "Z", "jboolean", "z", "Boolean", "ValueLayout.JAVA_BOOLEAN", 1),
    BYTE("byte", "B", "jbyte", "b", "Byte", "ValueLayout.JAVA_BYTE", 1),
    SHORT("short", "S", "jshort", "s", "Short", "ValueLayout.JAVA_SHORT", 2),
    /** Java's unsigned 16-bit {@code char}: never chosen for a C type ({@link #of}), only named by a Java signature. */
    CHAR("char", "C", "jchar", "c", "Char", "ValueLayout.JAVA_CHAR", 2),
    INT("int", "I", "jint", "i", "Int", "ValueLayout.JAVA_INT", 4),
    LONG("long", "J", "jlong", "j", "Long", "ValueLayout.JAVA_LONG", 8),
    FLOAT("float", "F", "jfloat", "f", "Float", "ValueLayout.JAVA_FLOAT", 4),
    DOUBLE("double", "D", "jdouble", "d", "Double", "ValueLayout.JAVA_DOUBLE", 8);

    private final String javaType;
    private final String descriptor;
    private final String jniType;
    private final String jvalue;
    private final String jniCall;
    private final String ffmLayout;
    private final int bytes;

    Carrier(String javaType, String descriptor, String jniType, String jvalue, String jniCall, String ffmLayout, int bytes) {
        this.javaType = javaType;
        this.descriptor = descriptor;
        this.jniType = jniType;
        this.jvalue = jvalue;
        this.jniCall = jniCall;
        this.ffmLayout = ffmLayout;
        this.bytes = bytes;
    }

    /** The Java source type. */
    public String javaType() { return javaType; }

    /** The JVM descriptor. */
    public String descriptor() { return descriptor; }

    /** The JNI type. */
    public String jniType() { return jniType; }

    /** The {@code jvalue} member. */
    public String jvalue() { return jvalue; }

    /** The JNI call infix. */
    public String jniCall() { return jniCall; }

    /** The FFM {@code ValueLayout} constant. */
    public String ffmLayout() { return ffmLayout; }

    /** The Java value's size in bytes. */
    public int bytes() { return bytes; }

    /**
     * The carrier of a C arithmetic type on the target {@code abi}.
     *
     * @return empty for a type without a Java counterpart ({@code long double}, a size the JVM has no primitive for)
     */
    public static Optional<Carrier> of(PrimKind kind, Abi abi) {
        if (kind == PrimKind.BOOL) {
            return Optional.of(BOOLEAN);
        }
        long size = abi.sizeOf(kind).orElse(-1);
        if (kind.floating()) {
            if (kind == PrimKind.LONG_DOUBLE) {
                return Optional.empty();
            }
            return size == 4 ? Optional.of(FLOAT) : size == 8 ? Optional.of(DOUBLE) : Optional.empty();
        }
        return integer(size);
    }

    /** The carrier of an integer type of {@code size} bytes; empty for a size the JVM has no primitive for. */
    private static Optional<Carrier> integer(long size) {
        return size == 1 ? Optional.of(BYTE) : size == 2 ? Optional.of(SHORT) : size == 4 ? Optional.of(INT)
                : size == 8 ? Optional.of(LONG) : Optional.empty();
    }

    /**
     * The carrier of a JVM descriptor character ({@code Z B C S I J F D}, JVMS 4.3.2).
     *
     * @return empty for {@code V} and for reference types ({@code L}, {@code [})
     */
    public static Optional<Carrier> ofDescriptor(char descriptor) {
        for (Carrier c : values()) {
            if (c.descriptor.charAt(0) == descriptor) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The carrier of a scalar C type: an arithmetic type by its size, an enum type by the size the compiler gave it
     * ({@link Abi#enumLayout(String)}; {@code int}'s before the probe has run); empty for anything else.
     */
    public static Optional<Carrier> of(CType type, Abi abi) {
        CType t = type.resolved();
        if (t instanceof CType.EnumRef e) {
            return abi.enumLayout(e.key()).map(l -> integer(l.size())).orElseGet(() -> of(PrimKind.INT, abi));
        }
        if (t instanceof CType.Prim p) {
            return of(p.kind(), abi);
        }
        return Optional.empty();
    }
}
