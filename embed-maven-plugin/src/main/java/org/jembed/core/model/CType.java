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

    /**
     * A type the header declares that jembed's type mapping cannot carry ({@code __int128}, {@code _Complex double},
     * {@code _Float128}, {@code _Atomic int}, {@code typeof(x)}): kept so that the declarations around it are still
     * read. A pointer to it is a {@code MemorySegment}; as a parameter, result, or member of a struct passed by value
     * it is an error at that use (see {@code TypeMapping}), and a view skips such a member.
     *
     * @param spelling the type as C spells it, e.g. {@code unsigned __int128}
     * @param reason   why jembed cannot carry it, for messages
     */
    record Unsupported(String spelling, String reason) implements CType {
        @Override public String declare(String name) { return join(spelling, name); }
    }

    /** {@code T *}. */
    record Pointer(CType pointee) implements CType {
        @Override public String declare(String name) {
            CType inner = pointee instanceof Qualified q ? q.inner() : pointee;
            String star = "*" + name;
            if (inner instanceof Array || inner instanceof Function) {
                star = "(" + star + ")";
            }
            return pointee.declare(star);
        }
    }

    /** A type qualifier (C11 6.7.3), in the order C prints them. */
    enum Qualifier {
        CONST("const"), VOLATILE("volatile"), RESTRICT("restrict");

        private final String spelling;

        Qualifier(String spelling) {
            this.spelling = spelling;
        }

        /** The keyword. */
        public String spelling() {
            return spelling;
        }
    }

    /**
     * A qualified type, {@code const volatile T}; a qualified pointer ({@code T *const}, {@code T *restrict}) is
     * {@code Qualified(Pointer(T))}. Qualifiers are kept as written so that generated C repeats the header's prototype.
     *
     * @param inner      the unqualified type
     * @param qualifiers at least one qualifier
     */
    record Qualified(CType inner, java.util.Set<Qualifier> qualifiers) implements CType {
        /** Copies {@code qualifiers} into an ordered set. */
        public Qualified {
            java.util.EnumSet<Qualifier> set = java.util.EnumSet.noneOf(Qualifier.class);
            set.addAll(qualifiers);
            qualifiers = java.util.Collections.unmodifiableSet(set);
        }

        /** {@code const T}. */
        public static Qualified constOf(CType inner) {
            return new Qualified(inner, java.util.Set.of(Qualifier.CONST));
        }

        private String words() {
            return qualifiers.stream().map(Qualifier::spelling).collect(Collectors.joining(" "));
        }

        @Override public String declare(String name) {
            if (inner instanceof Pointer p) {
                // the same inside-out rule as Pointer: a qualified pointer to an array or function needs parentheses
                CType pointee = p.pointee();
                CType bare = pointee instanceof Qualified q ? q.inner() : pointee;
                String star = "*" + words() + (name.isEmpty() ? "" : " " + name);
                if (bare instanceof Array || bare instanceof Function) {
                    star = "(" + star + ")";
                }
                return pointee.declare(star);
            }
            return words() + " " + inner.declare(name);
        }
        @Override public CType resolved() { return inner.resolved(); }
        @Override public boolean isConst() { return qualifiers.contains(Qualifier.CONST) || inner.isConst(); }
    }

    /**
     * A type known only by its typedef name, from a system header ({@code FILE}, {@code sqlite3}): a pointer to it is
     * a {@code MemorySegment}; used by value, the probe replaces it by what the compiler says it is.
     *
     * @param name the typedef name
     */
    record Opaque(String name) implements CType {
        @Override public String declare(String declName) { return join(name, declName); }
    }

    /**
     * {@code T name[length]}.
     *
     * @param element    the element type
     * @param length     the element count when it is written as an integer literal; empty for {@code T name[]} and for
     *                   a length that is an expression (the compiler's {@code sizeof} answers then)
     * @param lengthText the length as written (after preprocessing), printed back; empty for {@code T name[]}
     */
    record Array(CType element, OptionalLong length, String lengthText) implements CType {
        /** An array whose length is a number (or absent). */
        public Array(CType element, OptionalLong length) {
            this(element, length, length.isPresent() ? Long.toString(length.getAsLong()) : "");
        }

        @Override public String declare(String name) {
            return element.declare(name + "[" + lengthText + "]");
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
