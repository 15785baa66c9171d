package org.jembed.core.model;

import java.util.List;

/**
 * A function declared in the API header: an exported function when it comes from the main header.
 *
 * @param name       the C name
 * @param returnType the return type
 * @param params     the parameters, in order; empty for {@code f(void)}
 * @param variadic   true when the prototype ends in {@code ...}
 * @param pos        where the declarator's name is
 */
public record FunctionDecl(String name, CType returnType, List<Param> params, boolean variadic, SourcePos pos) {
    /** The prototype without a trailing semicolon, e.g. {@code int do_stuff(point_t *p)}. */
    public String prototype() {
        return new CType.Function(returnType, params, variadic).declare(name);
    }
}
