package org.jembed.core.model;

import java.util.List;
import java.util.Optional;

/**
 * A struct or union declaration.
 *
 * @param key          the tag, or the synthetic key of an anonymous struct ({@code $anon1}, ...)
 * @param tag          the tag; empty when anonymous
 * @param union        true for {@code union}
 * @param fields       the members in declaration order; empty when the struct is only forward-declared (opaque)
 * @param complete     true when a member list was seen
 * @param typedefName  the first typedef that names this struct directly ({@code typedef struct {...} point_t;})
 * @param pos          where the struct is declared (its definition when there is one)
 */
public record StructDecl(String key, String tag, boolean union, List<Field> fields, boolean complete,
                         Optional<String> typedefName, SourcePos pos) {
    /** The name Java and diagnostics use: the typedef name, else the tag, else the key. */
    public String displayName() {
        return typedefName.orElse(tag.isEmpty() ? key : tag);
    }

    /** The type that refers to this declaration. */
    public CType.StructRef ref() {
        return new CType.StructRef(union, tag, key);
    }
}
