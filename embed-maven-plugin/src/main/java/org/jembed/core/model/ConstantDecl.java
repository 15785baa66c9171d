package org.jembed.core.model;

/**
 * An object-like {@code #define} whose replacement is an integer constant expression.
 *
 * @param name  the macro name
 * @param value its value
 * @param pos   where the {@code #define} is
 */
public record ConstantDecl(String name, long value, SourcePos pos) {}
