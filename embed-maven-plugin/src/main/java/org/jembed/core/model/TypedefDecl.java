package org.jembed.core.model;

/**
 * A typedef declared in the API header (standard typedefs such as {@code uint32_t} are not listed here;
 * they appear only as {@link CType.Named} targets).
 *
 * @param name   the typedef name
 * @param target the type it names
 * @param pos    where it is declared
 */
public record TypedefDecl(String name, CType target, SourcePos pos) {}
