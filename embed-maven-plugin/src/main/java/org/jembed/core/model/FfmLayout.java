package org.jembed.core.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The FFM {@code StructLayout} of a struct passed or returned by value, as Java source text, built from the offsets
 * and sizes the compiler reported ({@link Abi#struct(String)}): each member at its {@code offsetof}, padding where the
 * compiler left a gap, nested structs inlined. The {@link java.lang.foreign.Linker} classifies a struct by value
 * (registers or memory) from this layout, so it must be exact; a struct FFM cannot describe gets a reason instead.
 */
public final class FfmLayout {

    /**
     * The layout expression, or why there is none.
     *
     * @param expression Java source, e.g. {@code MemoryLayout.structLayout(ValueLayout.JAVA_INT.withName("x"), ...)};
     *                   empty when FFM cannot carry the struct
     * @param reason     why not, for a warning; empty when {@code expression} is present
     */
    public record Result(Optional<String> expression, String reason) {}

    private FfmLayout() {
    }

    /** The layout of struct (not union) {@code s}, as the linker needs it to pass it by value. */
    public static Result of(StructDecl s, ApiModel model) {
        try {
            return new Result(Optional.of(struct(s, model)), "");
        } catch (IllegalArgumentException e) {
            return new Result(Optional.empty(), e.getMessage());
        }
    }

    private static String struct(StructDecl s, ApiModel model) {
        String name = s.displayName();
        if (s.union()) {
            throw new IllegalArgumentException("a union: which member is live is unknown");
        }
        Abi.StructLayout l = model.abi().struct(s.key())
                .orElseThrow(() -> new IllegalArgumentException("struct " + name + " has no probed layout"));
        record Part(long offset, long size, long align, String text) {}
        List<Part> parts = new ArrayList<>();
        if (hasBitFields(s, model)) {
            throw new IllegalArgumentException("struct " + name + " has bit-fields");
        }
        // an anonymous struct member's members are laid out where the compiler put them; an anonymous union's overlap
        for (Field f : Layout.named(s, model)) {
            Long offset = l.offsets().get(f.name());
            Long size = l.sizes().get(f.name());
            if (offset == null || size == null) {
                throw new IllegalArgumentException("struct " + name + " has no offset for " + f.name());
            }
            long[] align = new long[1];
            String text = member(f.type(), size, model, align, name);
            if (offset % align[0] != 0) {
                throw new IllegalArgumentException("struct " + name + " is packed: member " + f.name() + " at offset "
                        + offset + " is not aligned");
            }
            parts.add(new Part(offset, size, align[0], text + ".withName(\"" + f.name() + "\")"));
        }
        parts.sort(Comparator.comparingLong(Part::offset));
        List<String> out = new ArrayList<>();
        long at = 0;
        long maxAlign = 1;
        for (Part p : parts) {
            if (p.offset() < at) {
                throw new IllegalArgumentException("struct " + name + " has overlapping members (an anonymous union)");
            }
            if (p.offset() > at) {
                out.add("MemoryLayout.paddingLayout(" + (p.offset() - at) + "L)");
            }
            out.add(p.text());
            at = p.offset() + p.size();
            maxAlign = Math.max(maxAlign, p.align());
        }
        if (l.size() > at) {
            out.add("MemoryLayout.paddingLayout(" + (l.size() - at) + "L)");
        }
        if (maxAlign != l.align() || l.size() % l.align() != 0) {
            throw new IllegalArgumentException("struct " + name + " has an alignment of " + l.align()
                    + " (packed or aligned), which FFM's layouts cannot describe");
        }
        return "MemoryLayout.structLayout(" + String.join(", ", out) + ")";
    }

    private static boolean hasBitFields(StructDecl s, ApiModel model) {
        for (Field f : s.fields()) {
            if (f.bitWidth().isPresent()) {
                return true;
            }
            if (f.name().isEmpty() && f.type().resolved() instanceof CType.StructRef r
                    && model.struct(r.key()).map(inner -> hasBitFields(inner, model)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** A member's layout text; {@code align[0]} receives its alignment. */
    private static String member(CType type, long size, ApiModel model, long[] align, String owner) {
        CType t = type.resolved();
        if (t instanceof CType.Array a) {
            CType element = a.element().resolved();
            long elementSize = Layout.of(element, model).size();
            if (elementSize <= 0 || size % elementSize != 0) {
                throw new IllegalArgumentException("struct " + owner + " has an array member of unknown size");
            }
            String inner = member(element, elementSize, model, align, owner);
            return "MemoryLayout.sequenceLayout(" + (size / elementSize) + "L, " + inner + ")";
        }
        if (t instanceof CType.Pointer) {
            align[0] = Layout.of(t, model).align();
            if (align[0] != size) {
                throw new IllegalArgumentException("struct " + owner + " has a pointer member aligned to " + align[0]
                        + " bytes, which FFM's ADDRESS layout is not");
            }
            return "ValueLayout.ADDRESS";
        }
        if (t instanceof CType.StructRef r) {
            StructDecl nested = model.struct(r.key())
                    .orElseThrow(() -> new IllegalArgumentException("struct " + owner + " has an incomplete member"));
            String text = struct(nested, model);
            align[0] = model.abi().struct(r.key()).orElseThrow().align();
            return text;
        }
        Carrier c = Carrier.of(t, model.abi())
                .orElseThrow(() -> new IllegalArgumentException("struct " + owner + " has a member of type " + t.cName()));
        if (c.bytes() != size) {
            throw new IllegalArgumentException("struct " + owner + " has a member of type " + t.cName() + " whose size differs from Java's");
        }
        // the target's alignment (the probe's _Alignof); FFM's Java layouts are aligned to their size
        align[0] = Layout.of(t, model).align();
        if (align[0] != size) {
            throw new IllegalArgumentException("struct " + owner + " has a member of type " + t.cName() + " aligned to "
                    + align[0] + " bytes, which FFM's " + c.ffmLayout() + " is not");
        }
        return c.ffmLayout();
    }
}
