package org.jembed.core.glue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.ConstantDecl;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.Layout;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.StructDecl;
import org.jembed.core.model.ViewNames;

/**
 * Renders the Java side of the API: one struct view per named struct or union, and a constants class
 * ({@code <header>_h}) with the header's integer {@code #define}s and enumerators.
 */
public final class JavaRenderer {

    /**
     * A view member, as the template needs it.
     *
     * @param kind         VALUE, POINTER, STRUCT, ARRAY or STRUCT_ARRAY
     * @param name         the accessor name (the C member name; a Java keyword gets a trailing {@code _})
     * @param cDeclaration the member's C declaration, for Javadoc
     * @param javaType     the Java type of the value (or element)
     * @param layout       the {@code ValueLayout} constant, e.g. {@code ValueLayout.JAVA_INT}
     * @param offset       byte offset in the struct
     * @param length       element count, for arrays
     * @param elementSize  element size in bytes, for arrays
     */
    public record ViewField(String kind, String name, String cDeclaration, String javaType, String layout,
                            long offset, long length, long elementSize) {}

    /**
     * A constant, as the template needs it.
     *
     * @param name     the C name
     * @param javaType {@code int} or {@code long}
     * @param literal  the Java literal
     * @param pos      where the constant is declared
     */
    public record JavaConstant(String name, String javaType, String literal, SourcePos pos) {}

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "_", "segment", "address", "toString", "hashCode",
            "getClass", "equals", "notify", "notifyAll", "wait");

    private final Templates templates;

    /** @param templates the template engine */
    public JavaRenderer(Templates templates) {
        this.templates = templates;
    }

    /**
     * Renders every source file.
     *
     * @return relative path (e.g. {@code com/example/capi/point_t.java}) to source text
     */
    public Map<String, String> render(ApiModel model, ViewNames views) {
        Map<String, String> out = new LinkedHashMap<>();
        String dir = views.packageName().replace('.', '/');
        String prefix = dir.isEmpty() ? "" : dir + "/";
        for (StructDecl s : model.structs()) {
            if (!s.complete() || views.simpleName(s.key()).isEmpty()) {
                continue;
            }
            String cls = views.simpleName(s.key()).get();
            Layout layout = Layout.of(s, model);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("headerName", model.headerName());
            v.put("packageName", views.packageName());
            v.put("className", cls);
            v.put("cName", cSpelling(s));
            v.put("line", s.pos().line());
            v.put("size", layout.size());
            v.put("align", layout.align());
            v.put("fields", fields(s, model, views));
            out.put(prefix + cls + ".java", templates.render("view.java.vm", v));
        }
        List<JavaConstant> constants = constants(model);
        if (!constants.isEmpty()) {
            String cls = constantsClass(model.headerName());
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("headerName", model.headerName());
            v.put("packageName", views.packageName());
            v.put("className", cls);
            v.put("constants", constants);
            out.put(prefix + cls + ".java", templates.render("constants.java.vm", v));
        }
        return out;
    }

    /** {@code plugin.h} becomes {@code plugin_h} (jextract's convention). */
    public static String constantsClass(String headerName) {
        String base = headerName.substring(headerName.lastIndexOf('/') + 1);
        return base.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String cSpelling(StructDecl s) {
        if (s.typedefName().isPresent()) {
            return s.typedefName().get();
        }
        return s.tag().isEmpty() ? "anonymous " + (s.union() ? "union" : "struct") : (s.union() ? "union " : "struct ") + s.tag();
    }

    private static List<ViewField> fields(StructDecl s, ApiModel model, ViewNames views) {
        List<ViewField> out = new ArrayList<>();
        for (Layout.Member m : Layout.members(s, model)) {
            String name = m.field().name();
            if (name.isEmpty()) {
                continue;
            }
            String accessor = KEYWORDS.contains(name) ? name + "_" : name;
            String decl = m.field().type().declare(name).strip();
            CType t = m.field().type().resolved();
            if (t instanceof CType.Array a) {
                long length = a.length().orElse(0);
                CType element = a.element().resolved();
                while (element instanceof CType.Array inner) {
                    length *= inner.length().orElse(0);
                    element = inner.element().resolved();
                }
                long elementSize = Layout.of(element, model).size();
                if (element instanceof CType.StructRef r) {
                    String view = views.simpleName(r.key()).orElseThrow();
                    out.add(new ViewField("STRUCT_ARRAY", accessor, decl, view, "", m.offset(), length, elementSize));
                } else if (element instanceof CType.Pointer) {
                    out.add(new ViewField("ARRAY", accessor, decl, "MemorySegment", "ValueLayout.ADDRESS", m.offset(), length, elementSize));
                } else {
                    out.add(new ViewField("ARRAY", accessor, decl, javaType(element), layout(element), m.offset(), length, elementSize));
                }
            } else if (t instanceof CType.Pointer) {
                out.add(new ViewField("POINTER", accessor, decl, "MemorySegment", "ValueLayout.ADDRESS", m.offset(), 0, 8));
            } else if (t instanceof CType.StructRef r) {
                out.add(new ViewField("STRUCT", accessor, decl, views.simpleName(r.key()).orElseThrow(), "", m.offset(), 0, m.layout().size()));
            } else {
                out.add(new ViewField("VALUE", accessor, decl, javaType(t), layout(t), m.offset(), 0, m.layout().size()));
            }
        }
        return out;
    }

    private static String javaType(CType t) {
        if (t instanceof CType.EnumRef) {
            return "int";
        }
        PrimKind k = ((CType.Prim) t).kind();
        return switch (k) {
            case BOOL -> "boolean";
            case CHAR, SCHAR, UCHAR -> "byte";
            case SHORT, USHORT -> "short";
            case INT, UINT -> "int";
            case LONG, ULONG, LLONG, ULLONG -> "long";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case LONG_DOUBLE -> throw new IllegalArgumentException("long double is rejected by the check stage");
        };
    }

    private static String layout(CType t) {
        return "ValueLayout.JAVA_" + javaType(t).toUpperCase(java.util.Locale.ROOT);
    }

    private static List<JavaConstant> constants(ApiModel model) {
        List<JavaConstant> out = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (ConstantDecl c : model.constants()) {
            if (names.add(c.name())) {
                out.add(constant(c.name(), c.value(), c.pos()));
            }
        }
        for (EnumDecl e : model.enums()) {
            for (EnumDecl.Enumerator en : e.values()) {
                if (names.add(en.name())) {
                    out.add(constant(en.name(), en.value(), en.pos()));
                }
            }
        }
        return out;
    }

    private static JavaConstant constant(String name, long value, SourcePos pos) {
        boolean fitsInt = value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
        String literal = fitsInt ? (value == Integer.MIN_VALUE ? "Integer.MIN_VALUE" : Long.toString(value))
                : (value == Long.MIN_VALUE ? "Long.MIN_VALUE" : value + "L");
        return new JavaConstant(KEYWORDS.contains(name) ? name + "_" : name, fitsInt ? "int" : "long", literal, pos);
    }
}
