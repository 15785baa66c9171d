package org.jembed.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Java class names of the generated struct views. A struct is named after its typedef
 * ({@code point_t}), else its tag; an anonymous struct nested in another is named
 * {@code <outer>_<member>}. C names are kept as they are (as jextract does), so a C programmer finds them.
 *
 * @param packageName the Java package of the views, e.g. {@code com.example.capi}
 * @param names       struct key to simple class name
 */
public record ViewNames(String packageName, Map<String, String> names) {

    /** Names every complete struct and union of {@code model}. */
    public static ViewNames of(ApiModel model, String packageName) {
        Map<String, String> names = new LinkedHashMap<>();
        for (StructDecl s : model.structs()) {
            if (s.typedefName().isPresent() || !s.tag().isEmpty()) {
                names.put(s.key(), s.displayName());
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (StructDecl s : model.structs()) {
                String outer = names.get(s.key());
                if (outer == null) {
                    continue;
                }
                for (Field f : s.fields()) {
                    CType t = f.type().resolved();
                    while (t instanceof CType.Array a) {
                        t = a.element().resolved();
                    }
                    if (t instanceof CType.StructRef r && !names.containsKey(r.key())) {
                        names.put(r.key(), outer + "_" + (f.name().isEmpty() ? "anon" : f.name()));
                        changed = true;
                    }
                }
            }
        }
        return new ViewNames(packageName, Map.copyOf(names));
    }

    /** The simple class name of the view of struct {@code key}. */
    public Optional<String> simpleName(String key) {
        return Optional.ofNullable(names.get(key));
    }

    /** The JVM internal name ({@code com/example/capi/point_t}) of the view of struct {@code key}. */
    public Optional<String> internalName(String key) {
        return simpleName(key).map(n -> packageName.isEmpty() ? n : packageName.replace('.', '/') + "/" + n);
    }
}
