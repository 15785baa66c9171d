package org.jembed.core.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How generated C names a struct, union or enum of the model: its typedef, its tag, or for an anonymous one nested in
 * another, {@code __typeof__} of the member that holds it. The probe asks about them, the glue casts to them.
 */
public final class CSpellings {
    private CSpellings() {
    }

    /** A C spelling for each struct the probe can name: its typedef, its tag, or {@code __typeof__} of a member. */
    public static Map<String, String> structs(ApiModel model) {
        Map<String, String> out = new LinkedHashMap<>();
        for (StructDecl s : model.structs()) {
            if (s.typedefName().isPresent()) {
                out.put(s.key(), s.typedefName().get());
            } else if (!s.tag().isEmpty()) {
                out.put(s.key(), s.ref().cName());
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (StructDecl s : model.structs()) {
                String outer = out.get(s.key());
                if (outer == null) {
                    continue;
                }
                for (Field f : s.fields()) {
                    if (f.name().isEmpty()) {
                        continue;
                    }
                    CType t = f.type().resolved();
                    StringBuilder index = new StringBuilder();
                    while (t instanceof CType.Array arr) {
                        index.append("[0]");
                        t = arr.element().resolved();
                    }
                    if (t instanceof CType.StructRef r && !out.containsKey(r.key())) {
                        out.put(r.key(), "__typeof__(((" + outer + " *)0)->" + f.name() + index + ")");
                        changed = true;
                    }
                }
            }
        }
        return out;
    }

    /**
     * A C spelling for each enum type the probe can name: its typedef, its tag, or {@code __typeof__} of a struct
     * member or variable of that type.
     *
     * @param structs the struct spellings ({@link #structs})
     */
    public static Map<String, String> enums(ApiModel model, Map<String, String> structs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (EnumDecl e : model.enums()) {
            if (e.typedefName().isPresent()) {
                out.put(e.key(), e.typedefName().get());
            } else if (!e.tag().isEmpty()) {
                out.put(e.key(), "enum " + e.tag());
            }
        }
        for (StructDecl s : model.structs()) {
            String outer = structs.get(s.key());
            for (Field f : s.fields()) {
                if (outer != null && !f.name().isEmpty() && f.bitWidth().isEmpty()
                        && f.type().resolved() instanceof CType.EnumRef r) {
                    out.putIfAbsent(r.key(), "__typeof__(((" + outer + " *)0)->" + f.name() + ")");
                }
            }
        }
        for (GlobalDecl g : model.globals()) {
            if (g.type().resolved() instanceof CType.EnumRef r) {
                out.putIfAbsent(r.key(), "__typeof__(" + g.name() + ")");
            }
        }
        return out;
    }
}
