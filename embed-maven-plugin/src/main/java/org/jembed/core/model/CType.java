package org.jembed.core.model;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * A C type as the API header spells it. Every type prints its own declarator
 * ({@link #declare(String)}), so no template assembles C type text by hand;
 * inside-out declarators (pointers to arrays and functions) are handled here once.
 * Typedef names are kept ({@link Named}) so that generated C repeats the header's spelling.
 */
public sealed interface CType {

    /**
     * The C declaration of {@code name} with this type, e.g. {@code int *p},
     * {@code void (*cb)(int)}, {@code char buf[16]}.
     *
     * @param name the declarator name; empty for an abstract declarator (a cast or a parameter type)
     */
    String declare(String name);

    /** The type on its own, e.g. {@code const char *}. */
    default String cName() {
        return declare("").strip();
    }

    /** This type with typedef names and qualifiers looked through. */
    default CType resolved() {
        return this;
    }

    /** True for {@code const T}, looking through typedefs. */
    default boolean isConst() {
        return false;
    }

    /** {@code void}. */
    record Void() implements CType {
        @Override public String declare(String name) { return join("void", name); }
    }

    /** An arithmetic type spelled with C keywords. */
    record Prim(PrimKind kind) implements CType {
        @Override public String declare(String name) { return join(kind.spelling(), name); }
    }

    /** {@code T *}. */
    record Pointer(CType pointee) implements CType {
        @Override public String declare(String name) {
            CType inner = pointee instanceof Const c ? c.inner() : pointee;
            String star = "*" + name;
            if (inner instanceof Array || inner instanceof Function) {
                star = "(" + star + ")";
            }
            return pointee.declare(star);
        }
    }

    /** {@code const T}; a const pointer ({@code T *const}) is {@code Const(Pointer(T))}. */
    record Const(CType inner) implements CType {
        @Override public String declare(String name) {
            if (inner instanceof Pointer p) {
                // the same inside-out rule as Pointer: a const pointer to an array or function needs parentheses
                CType pointee = p.pointee();
                CType bare = pointee instanceof Const c ? c.inner() : pointee;
                String star = "*const" + (name.isEmpty() ? "" : " " + name);
                if (bare instanceof Array || bare instanceof Function) {
                    star = "(" + star + ")";
                }
                return pointee.declare(star);
            }
            return "const " + inner.declare(name);
        }
        @Override public CType resolved() { return inner.resolved(); }
        @Override public boolean isConst() { return true; }
    }

    /** {@code T name[length]}; length empty for {@code T name[]}. */
    record Array(CType element, OptionalLong length) implements CType {
        @Override public String declare(String name) {
            return element.declare(name + "[" + (length.isPresent() ? Long.toString(length.getAsLong()) : "") + "]");
        }
    }

    /**
     * A struct or union, by reference: the declaration lives in {@link ApiModel#structs()} under {@code key}
     * (so recursive and forward-declared structs need no cycles here).
     *
     * @param union true for {@code union}
     * @param tag   the tag; empty for an anonymous struct, which can only be spelled through a typedef
     * @param key   the tag, or a synthetic {@code $anonN} key for an anonymous struct
     */
    record StructRef(boolean union, String tag, String key) implements CType {
        @Override public String declare(String name) {
            if (tag.isEmpty()) {
                throw new IllegalStateException("anonymous " + (union ? "union" : "struct") + " " + key + " has no C spelling");
            }
            return join((union ? "union " : "struct ") + tag, name);
        }
    }

    /** {@code enum tag}; {@code key} as for {@link StructRef}. Enums are {@code int} in the mapping. */
    record EnumRef(String tag, String key) implements CType {
        @Override public String declare(String name) {
            if (tag.isEmpty()) {
                throw new IllegalStateException("anonymous enum " + key + " has no C spelling");
            }
            return join("enum " + tag, name);
        }
    }

    /**
     * A typedef name: the header's own ({@code point_t}) or a standard one ({@code uint32_t}, {@code size_t}).
     *
     * @param name   the typedef name as written
     * @param target what it stands for
     */
    record Named(String name, CType target) implements CType {
        @Override public String declare(String declName) { return join(name, declName); }
        @Override public CType resolved() { return target.resolved(); }
        @Override public boolean isConst() { return target.isConst(); }
    }

    /** A function type, {@code R (P1, P2, ...)}; reached through {@link Pointer} for function pointers. */
    record Function(CType returnType, List<Param> params, boolean variadic) implements CType {
        @Override public String declare(String name) {
            return returnType.declare(name + "(" + parameterList(params, variadic) + ")");
        }
    }

    /** The text between the parentheses of a prototype: {@code void} for none. */
    static String parameterList(List<Param> params, boolean variadic) {
        if (params.isEmpty()) {
            return variadic ? "..." : "void";
        }
        String list = params.stream().map(p -> p.type().declare(p.name()).strip()).collect(Collectors.joining(", "));
        return variadic ? list + ", ..." : list;
    }

    private static String join(String type, String name) {
        if (name.isEmpty()) {
            return type;
        }
        return type + " " + name;
    }
}
