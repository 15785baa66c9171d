package org.jembed.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Sizes, alignments and member offsets of C types on LP64 Linux (System V AMD64 ABI 3.1.2; the same rules
 * hold on AArch64): scalars are aligned to their size, a struct to its strictest member, members in
 * declaration order each at the next offset aligned for it, and the size rounded up to the alignment;
 * union members all sit at offset 0. The glue re-checks every computed size and offset with
 * {@code _Static_assert}, so a disagreement with the real compiler fails the build.
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
     * @param layout the member's own layout
     */
    public record Member(Field field, long offset, Layout layout) {}

    /**
     * The layout of {@code type}.
     *
     * @throws IllegalArgumentException for types without a size (void, functions, incomplete structs)
     */
    public static Layout of(CType type, ApiModel model) {
        if (type instanceof CType.Prim p) {
            return new Layout(p.kind().size(), p.kind().size());
        } else if (type instanceof CType.Pointer || type instanceof CType.EnumRef) {
            return type instanceof CType.Pointer ? new Layout(8, 8) : new Layout(4, 4);
        } else if (type instanceof CType.Const c) {
            return of(c.inner(), model);
        } else if (type instanceof CType.Named n) {
            return of(n.target(), model);
        } else if (type instanceof CType.Array a) {
            Layout e = of(a.element(), model);
            return new Layout(e.size() * a.length().orElse(0), e.align());
        } else if (type instanceof CType.StructRef s) {
            StructDecl decl = model.struct(s.key()).orElseThrow(() -> new IllegalArgumentException("unknown struct " + s.key()));
            return of(decl, model);
        }
        throw new IllegalArgumentException(type.cName() + " has no size");
    }

    /** The layout of a complete struct or union. */
    public static Layout of(StructDecl decl, ApiModel model) {
        List<Member> members = members(decl, model);
        long align = 1;
        long end = 0;
        for (Member m : members) {
            align = Math.max(align, m.layout().align());
            end = Math.max(end, m.offset() + m.layout().size());
        }
        return new Layout(roundUp(end, align), align);
    }

    /**
     * The members of a complete struct or union with their offsets.
     *
     * @throws IllegalArgumentException when the struct is incomplete or has bit-fields (their layout is
     *                                  implementation-defined, C11 6.7.2.1p11)
     */
    public static List<Member> members(StructDecl decl, ApiModel model) {
        if (!decl.complete()) {
            throw new IllegalArgumentException("struct " + decl.displayName() + " is incomplete");
        }
        List<Member> out = new ArrayList<>();
        long offset = 0;
        for (Field f : decl.fields()) {
            if (f.bitWidth().isPresent()) {
                throw new IllegalArgumentException("bit-field " + f.name() + " has no byte layout");
            }
            Layout l = of(f.type(), model);
            long at = decl.union() ? 0 : roundUp(offset, l.align());
            out.add(new Member(f, at, l));
            offset = at + l.size();
        }
        return out;
    }

    private static long roundUp(long value, long align) {
        return (value + align - 1) / align * align;
    }
}
