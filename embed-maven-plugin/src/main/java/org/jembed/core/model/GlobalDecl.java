package org.jembed.core.model;

/**
 * An {@code extern} variable declared in the API header (defined in user C).
 *
 * @param name the variable's name
 * @param type its type
 * @param pos  where it is declared
 */
public record GlobalDecl(String name, CType type, SourcePos pos) {}
