package org.jembed.core.model;

import java.util.OptionalInt;

/**
 * A member of a struct or union.
 *
 * @param name     the member name; empty for an anonymous nested struct/union member
 * @param type     the member type
 * @param bitWidth the bit-field width, when the member is a bit-field
 * @param pos      where the member is declared
 */
public record Field(String name, CType type, OptionalInt bitWidth, SourcePos pos) {}
