package org.jembed.core.model;

import java.util.List;
import java.util.Optional;

/**
 * A {@code #define} of a header the API header includes: a candidate constant (object-like) or host function
 * (function-like).
 *
 * @param name   the macro name
 * @param params the parameter names of a function-like macro, {@code ...} last for a variadic one; empty for an
 *               object-like macro
 * @param body   the replacement list as written (after the preprocessor's own normalisation of spaces)
 * @param pos    where the {@code #define} is
 */
public record MacroDecl(String name, Optional<List<String>> params, String body, SourcePos pos) {
    /** True for {@code #define NAME(params) body}. */
    public boolean functionLike() {
        return params.isPresent();
    }
}
