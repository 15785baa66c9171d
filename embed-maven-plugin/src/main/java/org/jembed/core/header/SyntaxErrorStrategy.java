package org.jembed.core.header;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Reports the first syntax error of a declaration in gcc's words ("expected ';' before 'y'",
 * "stray '@' in program") and abandons the declaration; {@link HeaderParser} then skips to the next
 * top-level {@code ;} and carries on, so every bad declaration is reported once.
 * ANTLR's own console output and single-token repairs are never used.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

    private final BiConsumer<Token, String> sink;

    /** @param sink receives the offending token and the message */
    SyntaxErrorStrategy(BiConsumer<Token, String> sink) {
        this.sink = sink;
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw new ParseCancellationException(e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        InputMismatchException e = new InputMismatchException(recognizer);
        reportError(recognizer, e);
        throw new ParseCancellationException(e);
    }

    @Override
    public void sync(Parser recognizer) {
        // no single-token deletion or insertion: the caller resynchronises at the next ';'
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        Token t = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
        // A prediction that failed deep in its lookahead knows only what could start the decision, which says
        // nothing about the offending token; when it failed on its first token, that set is exactly right.
        boolean accurate = e.getOffendingState() >= 0
                && (!(e instanceof NoViableAltException n) || n.getStartToken() == n.getOffendingToken());
        IntervalSet expected = accurate ? e.getExpectedTokens() : null;
        sink.accept(t, message(t, expected, e, recognizer.getVocabulary()));
    }

    private static String message(Token t, IntervalSet expected, RecognitionException e, Vocabulary vocabulary) {
        if (t.getType() == CDeclLexer.ErrorChar) {
            return "stray '" + t.getText() + "' in program";
        }
        String where = t.getType() == Token.EOF ? " at end of input" : " before '" + t.getText() + "'";
        String wanted;
        if (e.getCtx() != null && e.getCtx().getClass() == CDeclParser.ExternalDeclarationContext.class) {
            wanted = "expected a declaration";
        } else {
            wanted = expected == null ? null : describe(expected, vocabulary);
        }
        if (wanted != null) {
            return wanted + where;
        }
        return t.getType() == Token.EOF ? "unexpected end of input" : "unexpected '" + t.getText() + "'";
    }

    private static String describe(IntervalSet expected, Vocabulary vocabulary) {
        for (int closing : new int[] {CDeclLexer.Semi, CDeclLexer.RightParen, CDeclLexer.RightBracket, CDeclLexer.RightBrace}) {
            if (expected.contains(closing)) {
                return "expected " + vocabulary.getLiteralName(closing);
            }
        }
        List<Integer> types = expected.toList();
        if (types.contains(CDeclLexer.Identifier) && types.contains(CDeclLexer.LeftParen)) {
            return "expected identifier or '('";
        }
        if (types.isEmpty() || types.size() > 4) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int type : types) {
            if (type == CDeclLexer.Identifier) {
                names.add("identifier");
            } else if (type == Token.EOF) {
                names.add("end of input");
            } else {
                String literal = vocabulary.getLiteralName(type);
                names.add(literal != null ? literal : vocabulary.getDisplayName(type));
            }
        }
        if (names.size() == 1) {
            return "expected " + names.get(0);
        }
        return "expected " + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
