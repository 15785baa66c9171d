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
     * @param value its value
     * @param pos   where it is declared
     */
    public record Enumerator(String name, long value, SourcePos pos) {}
}
