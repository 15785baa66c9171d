package org.jembed.core.header;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.antlr.v4.runtime.CommonTokenStream;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.TypedefDecl;

/**
 * What the parts of the parse stage share: the preprocessed source and its tokens, the diagnostics collected so far,
 * the typedef names declared so far (the lexer hack: a name is a type name once typedef'd), and the counter of
 * anonymous tags.
 */
final class ParseContext {
    final PreprocessedSource source;
    final String mainFileName;
    final CommonTokenStream tokens;
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final Map<String, TypedefDecl> typedefs = new LinkedHashMap<>();
    private int anonymous;

    ParseContext(PreprocessedSource source, String mainFileName, CommonTokenStream tokens) {
        this.source = source;
        this.mainFileName = mainFileName;
        this.tokens = tokens;
    }

    /** A fresh key for an anonymous struct, union or enum: {@code $anon1}, ... */
    String nextAnonymous() {
        return "$anon" + (++anonymous);
    }
}
