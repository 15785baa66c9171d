package org.jembed.core.model;

import java.util.List;
import java.util.Optional;

/**
 * An enum declaration.
 *
 * @param key         the tag, or a synthetic {@code $anonN} key
 * @param tag         the tag; empty when anonymous
 * @param values      the enumerators with their computed values (C11 6.7.2.2)
 * @param typedefName the typedef that names this enum directly, if any
 * @param pos         where the enum is declared
 */
public record EnumDecl(String key, String tag, List<Enumerator> values, Optional<String> typedefName, SourcePos pos) {
    /**
     * One enumeration constant.
     *
     * @param name  the constant's name
     * @param value its value, sign- or zero-extended to 64 bits by the signedness of its type
     * @param size  {@code sizeof} its type as the compiler gave it, in bytes (4 for {@code int})
     * @param pos   where it is declared
     */
    public record Enumerator(String name, long value, int size, SourcePos pos) {
        /** An enumerator whose type is as wide as its value needs ({@code int} when it fits). */
        public Enumerator(String name, long value, SourcePos pos) {
            this(name, value, value == (int) value ? 4 : 8, pos);
        }
    }
}
