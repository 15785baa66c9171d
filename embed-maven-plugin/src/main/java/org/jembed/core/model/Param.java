package org.jembed.core.model;

/**
 * A function parameter.
 *
 * @param name the name as declared; empty when the prototype gives none
 * @param type the declared type (arrays and functions not yet adjusted to pointers)
 * @param pos  where the parameter is declared
 */
public record Param(String name, CType type, SourcePos pos) {}
