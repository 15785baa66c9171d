package org.jembed.core.model;

/**
 * A declaration of an included header that jembed did not read (a construct beyond its parser, or a type it cannot
 * carry): nothing is generated for it, and a use of it by the API is an error at that use.
 *
 * @param name   the declared name, or empty when it could not be told
 * @param reason why it was skipped
 * @param pos    where the declaration starts
 */
public record Skipped(String name, String reason, SourcePos pos) {}
