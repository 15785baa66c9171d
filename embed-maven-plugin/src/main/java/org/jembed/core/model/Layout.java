package org.jembed.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sizes, alignments and member offsets of C types, as the compiler that builds the library reported them
 * ({@link ApiModel#abi()}): nothing here is computed from ABI rules, so {@code packed}, {@code aligned} and
 * {@code #pragma pack} structs come out as the compiler lays them out. The glue re-checks every struct size and
 * member offset with {@code _Static_assert}.
 *
 * @param size  {@code sizeof}, in bytes
 * @param align {@code _Alignof}, in bytes
 */
public record Layout(long size, long align) {

    /**
     * A member and where it lies.
     *
     * @param field  the member
     * @param offset {@code offsetof}, in bytes
     * @param layout the member's own layout (its size; alignment 1 when only the size is known)
     */
    public record Member(Field field, long offset, Layout layout) {}

    /**
     * The layout of {@code type}.
     *
     * @throws IllegalArgumentException for types without a known size (void, functions, incomplete structs, types
     *                                  the compiler was not asked about)
     */
    public static Layout of(CType type, ApiModel model) {
        CType t = type.resolved();
        Abi abi = model.abi();
        if (t instanceof CType.Prim p) {
            long size = abi.sizeOf(p.kind()).orElseThrow(() -> new IllegalArgumentException("no size for " + p.kind()));
            // a model the probe has not completed knows sizes only (the predefined macros): alignment = size there
            return new Layout(size, abi.alignOf(p.kind()).orElse(size));
        } else if (t instanceof CType.Pointer) {
            return known(abi.pointerSize(), abi.pointerAlign() > 0 ? abi.pointerAlign() : abi.pointerSize(), type);
        } else if (t instanceof CType.EnumRef e) {
            Optional<Abi.EnumLayout> l = abi.enumLayout(e.key());
            if (l.isPresent()) {
                return new Layout(l.get().size(), l.get().align());
            }
            // an enum the probe could not name, or a model it has not completed: int's layout, the usual choice (C11
            // 6.7.2.2p4 leaves it to the compiler)
            return of(new CType.Prim(PrimKind.INT), model);
        } else if (t instanceof CType.Array a) {
            Layout e = of(a.element(), model);
            return new Layout(e.size() * a.length().orElse(0), e.align());
        } else if (t instanceof CType.StructRef s) {
            StructDecl decl = model.struct(s.key()).orElseThrow(() -> new IllegalArgumentException("unknown struct " + s.key()));
            return of(decl, model);
        }
        throw new IllegalArgumentException(type.cName() + " has no size");
    }

    private static Layout known(int size, int align, CType type) {
        if (size <= 0) {
            throw new IllegalArgumentException("no size for " + type.cName());
        }
        return new Layout(size, align);
    }

    /**
     * The layout of a complete struct or union.
     *
     * @throws IllegalArgumentException when the compiler was not asked about it (incomplete, or no C spelling)
     */
    public static Layout of(StructDecl decl, ApiModel model) {
        Abi.StructLayout l = model.abi().struct(decl.key())
                .orElseThrow(() -> new IllegalArgumentException("no layout for " + decl.displayName()));
        return new Layout(l.size(), l.align());
    }

    /**
     * The named members of a complete struct or union with their offsets, as C sees them: the members of an anonymous
     * struct or union member (C11 6.7.2.1p13) are members of the enclosing one, at the offsets the compiler gave
     * ({@code offsetof(outer, inner_member)}).
     *
     * Bit-fields are left out (their layout is implementation-defined, C11 6.7.2.1p11: the glue reads and writes
     * them), and so is a member the compiler could not place; a flexible array member ({@code T name[]}, C11
     * 6.7.2.1p18) has size 0.
     *
     * @throws IllegalArgumentException when the struct has no probed layout
     */
    public static List<Member> members(StructDecl decl, ApiModel model) {
        if (!decl.complete()) {
            throw new IllegalArgumentException("struct " + decl.displayName() + " is incomplete");
        }
        Abi.StructLayout l = model.abi().struct(decl.key())
                .orElseThrow(() -> new IllegalArgumentException("no layout for " + decl.displayName()));
        List<Member> out = new ArrayList<>();
        for (Field f : named(decl, model)) {
            if (f.bitWidth().isPresent()) {
                continue;
            }
            Long offset = l.offsets().get(f.name());
            Long size = l.sizes().get(f.name());
            if (size == null && f.type().resolved() instanceof CType.Array a && a.length().isEmpty()) {
                size = 0L;
            }
            if (offset == null || size == null) {
                continue;
            }
            out.add(new Member(f, offset, new Layout(size, 1)));
        }
        return out;
    }

    /**
     * The members of {@code decl} a C expression can name ({@code s.x}): its named members, and those of its anonymous
     * struct and union members, recursively, in declaration order. Bit-fields of an anonymous member are left out
     * (they have no byte layout); the struct's own bit-fields are kept.
     */
    public static List<Field> named(StructDecl decl, ApiModel model) {
        List<Field> out = new ArrayList<>();
        for (Field f : decl.fields()) {
            if (!f.name().isEmpty()) {
                out.add(f);
            } else if (f.type().resolved() instanceof CType.StructRef r) {
                model.struct(r.key()).filter(StructDecl::complete).ifPresent(inner -> {
                    for (Field g : named(inner, model)) {
                        if (g.bitWidth().isEmpty()) {
                            out.add(g);
                        }
                    }
                });
            }
        }
        return out;
    }
}
