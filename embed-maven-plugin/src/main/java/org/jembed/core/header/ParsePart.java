package org.jembed.core.header;

import java.util.Map;

import org.antlr.v4.runtime.Token;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.TypedefDecl;

/** A part of the parse stage: positions and diagnostics go through the shared {@link ParseContext}. */
abstract class ParsePart {
    final ParseContext ctx;
    final PreprocessedSource source;
    final Map<String, TypedefDecl> typedefs;

    ParsePart(ParseContext ctx) {
        this.ctx = ctx;
        this.source = ctx.source;
        this.typedefs = ctx.typedefs;
    }

    /** True for a typedef name declared so far, in the header or a header it includes. */
    boolean isTypeName(String name) {
        return typedefs.containsKey(name);
    }

    /** The original position of a token: file and line from the line markers, column in the preprocessed line. */
    SourcePos pos(Token t) {
        if (t.getType() == Token.EOF) {
            int i = t.getTokenIndex() - 1;
            if (i < 0) {
                return new SourcePos(ctx.mainFileName, 1, 0);
            }
            Token last = ctx.tokens.get(i);
            SourcePos p = pos(last);
            return new SourcePos(p.file(), p.line(), p.column() + last.getText().length());
        }
        SourcePos line = source.origin(t.getLine());
        return new SourcePos(line.file(), line.line(), t.getCharPositionInLine() + 1);
    }

    void error(SourcePos pos, String message) {
        ctx.diagnostics.add(Diagnostic.error(pos, message));
    }

    void note(SourcePos pos, String message) {
        ctx.diagnostics.add(new Diagnostic(pos, Diagnostic.Severity.NOTE, message));
    }

    void warning(SourcePos pos, String message) {
        ctx.diagnostics.add(new Diagnostic(pos, Diagnostic.Severity.WARNING, message));
    }
}
