package org.jembed.core.bind;

import java.util.List;
import org.jembed.core.model.Abi;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.Carrier;
import org.jembed.core.model.CType;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.StructDecl;
import org.jembed.core.model.ViewNames;

/**
 * The C-to-Java type table of the jembed docs, for parameters and return values of exported functions.
 * Classifies a C type into the ways it may cross into Java; the binding check then picks the one the
 * {@code @Export} method's signature asks for.
 */
public final class TypeMapping {
    /** JVM descriptor of {@link java.lang.foreign.MemorySegment}. */
    public static final String SEGMENT = "Ljava/lang/foreign/MemorySegment;";
    /** JVM descriptor of {@link String}. */
    public static final String STRING = "Ljava/lang/String;";

    /** How a C value may cross into Java. */
    public sealed interface CValue {
        /** The Java types (JVM descriptors) a binding may declare for this value, preferred first. */
        List<String> javaTypes();
    }

    /** An arithmetic, {@code bool} or enum value: Java primitives, bits kept. */
    public record Primitive(List<String> javaTypes) implements CValue {}

    /** A pointer to a known struct: its generated view, or a raw {@code MemorySegment}. */
    public record StructPointer(String viewInternalName) implements CValue {
        @Override public List<String> javaTypes() { return List.of("L" + viewInternalName + ";", SEGMENT); }
    }

    /**
     * A struct passed or returned by value: its generated view. A parameter's view is over the C callee's copy, valid
     * during the call; a returned view is copied into the C result.
     */
    public record StructValue(String viewInternalName) implements CValue {
        @Override public List<String> javaTypes() { return List.of("L" + viewInternalName + ";"); }
    }

    /** {@code const char *}: a {@code String} (UTF-8, copied) or a {@code MemorySegment}. */
    public record ConstCharPointer() implements CValue {
        @Override public List<String> javaTypes() { return List.of(STRING, SEGMENT); }
    }

    /** Any other pointer: a {@code MemorySegment}. */
    public record RawPointer() implements CValue {
        @Override public List<String> javaTypes() { return List.of(SEGMENT); }
    }

    /** {@code void}, as a return type. */
    public record VoidValue() implements CValue {
        @Override public List<String> javaTypes() { return List.of("V"); }
    }

    /** A type the mapping cannot carry; {@code why} says so and suggests what to write instead. */
    public record Unsupported(String why) implements CValue {
        @Override public List<String> javaTypes() { return List.of(); }
    }

    private TypeMapping() {
    }

    /**
     * Classifies {@code type} as a parameter or return value.
     *
     * @param type  the declared C type (arrays in parameters are treated as pointers, C11 6.7.6.3p7)
     * @param model the API, to look structs up
     * @param views names of the generated struct views
     */
    public static CValue classify(CType type, ApiModel model, ViewNames views) {
        CType t = type.resolved();
        if (t instanceof CType.Void) {
            return new VoidValue();
        } else if (t instanceof CType.Prim p) {
            return primitive(p.kind(), model.abi());
        } else if (t instanceof CType.Unsupported u) {
            return new Unsupported(u.reason());
        } else if (t instanceof CType.Opaque o) {
            return new Unsupported("type '" + o.name() + "' from a system header is a struct or union (or the compiler"
                    + " could not say what it is); pass a pointer to it");
        } else if (t instanceof CType.EnumRef) {
            return Carrier.of(t, model.abi()).<CValue>map(c -> new Primitive(List.of(c.descriptor())))
                    .orElseGet(() -> new Unsupported("'" + t.cName() + "' has no Java counterpart of its size on this target"));
        } else if (t instanceof CType.Array a) {
            return pointer(a.element(), model, views);
        } else if (t instanceof CType.Pointer p) {
            return pointer(p.pointee(), model, views);
        } else if (t instanceof CType.StructRef s) {
            if (s.union()) {
                return new Unsupported("a union passed by value is not supported (which member is live is unknown); pass a pointer to it");
            }
            StructDecl decl = model.struct(s.key()).orElse(null);
            if (decl == null || !decl.complete()) {
                return new Unsupported("struct " + (s.tag().isEmpty() ? s.key() : s.tag()) + " is incomplete; it cannot be passed by value");
            }
            if (views.internalName(s.key()).isEmpty()) {
                return new Unsupported("an anonymous struct has no view; give it a typedef name to pass it by value");
            }
            return new StructValue(views.internalName(s.key()).get());
        }
        return new Unsupported("a function type cannot be passed by value; pass a function pointer");
    }

    private static CValue primitive(PrimKind kind, Abi abi) {
        if (kind == PrimKind.LONG_DOUBLE) {
            return new Unsupported("'long double' has no Java counterpart; use 'double'");
        }
        java.util.Optional<Carrier> c = Carrier.of(kind, abi);
        if (c.isEmpty()) {
            return new Unsupported("'" + kind.spelling() + "' has no Java counterpart of its size on this target");
        }
        if (c.get() == Carrier.SHORT && !kind.signed()) {
            return new Primitive(List.of("S", "C"));
        }
        return new Primitive(List.of(c.get().descriptor()));
    }

    private static CValue pointer(CType pointee, ApiModel model, ViewNames views) {
        CType target = pointee.resolved();
        if (target instanceof CType.Prim p && p.kind() == PrimKind.CHAR && pointee.isConst()) {
            return new ConstCharPointer();
        }
        if (target instanceof CType.StructRef s) {
            StructDecl decl = model.struct(s.key()).orElse(null);
            if (decl != null && decl.complete() && views.internalName(s.key()).isPresent()) {
                return new StructPointer(views.internalName(s.key()).get());
            }
        }
        return new RawPointer();
    }

    /** A Java-source spelling of a JVM descriptor, for messages: {@code int}, {@code point_t}, {@code MemorySegment}. */
    public static String javaName(String descriptor) {
        return switch (descriptor) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            case "V" -> "void";
            default -> {
                if (descriptor.startsWith("[")) {
                    yield javaName(descriptor.substring(1)) + "[]";
                }
                String name = descriptor.substring(1, descriptor.length() - 1);
                yield name.substring(name.lastIndexOf('/') + 1);
            }
        };
    }
}
