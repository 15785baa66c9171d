package org.jembed.core.header;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

import org.antlr.v4.runtime.Token;
import org.jembed.core.header.CDeclParser.AlignofExprContext;
import org.jembed.core.header.CDeclParser.BinaryExprContext;
import org.jembed.core.header.CDeclParser.CastExprContext;
import org.jembed.core.header.CDeclParser.ConditionalExprContext;
import org.jembed.core.header.CDeclParser.ExpressionContext;
import org.jembed.core.header.CDeclParser.ExtensionExprContext;
import org.jembed.core.header.CDeclParser.LogicalExprContext;
import org.jembed.core.header.CDeclParser.ParenExprContext;
import org.jembed.core.header.CDeclParser.PrimaryExprContext;
import org.jembed.core.header.CDeclParser.PrimaryExpressionContext;
import org.jembed.core.header.CDeclParser.SizeofExprContext;
import org.jembed.core.header.CDeclParser.TypeNameContext;
import org.jembed.core.header.CDeclParser.PrefixExprContext;
import org.jembed.core.header.CDeclParser.UnaryExpressionContext;
import org.jembed.core.header.CDeclParser.UnaryOnlyContext;
import org.jembed.core.model.CType;

/**
 * Evaluates integer constant expressions (C11 6.6) with C's integer types on LP64: every value is an
 * {@code int}, {@code unsigned int}, {@code long} or {@code unsigned long} ({@code long long} is the same
 * width), literals get their type from C11 6.4.4.1, and operators apply the integer promotions and the usual
 * arithmetic conversions (6.3.1.1, 6.3.1.8), so {@code ~0u} is 4294967295 and {@code 1u - 2} wraps.
 */
final class ConstantEvaluator {

    /** An integer value with its C type: 32 or 64 bits ({@code wide}), signed or not. */
    record Value(long bits, boolean unsigned, boolean wide) {
        Value {
            if (!wide) {
                bits = unsigned ? bits & 0xFFFF_FFFFL : (int) bits;
            }
        }

        static Value ofInt(long v) {
            return new Value(v, false, false);
        }

        boolean isZero() {
            return bits == 0;
        }

        int width() {
            return wide ? 64 : 32;
        }
    }

    /** Thrown when an expression is not an integer constant; {@code reason} is a message fragment. */
    static final class NotConstantException extends Exception {
        private final transient Token token;

        NotConstantException(Token token, String reason) {
            super(reason, null, false, false);
            this.token = token;
        }

        /** Where the offending part starts. */
        Token token() {
            return token;
        }
    }

    /** What the evaluator needs from the declarations around it. */
    interface Environment {
        /** The value of an enumeration constant or #define constant, if {@code name} is one. */
        Optional<Value> constant(String name);

        /** The type a type name denotes (reporting unknown names is the caller's business). */
        CType type(TypeNameContext typeName);
    }

    private final Environment env;

    ConstantEvaluator(Environment env) {
        this.env = env;
    }

    /** Evaluates {@code e}. */
    Value evaluate(ExpressionContext e) throws NotConstantException {
        if (e instanceof UnaryOnlyContext u) {
            return evaluate(u.unaryExpression());
        }
        if (e instanceof LogicalExprContext l) {
            boolean left = !evaluate(l.expression(0)).isZero();
            if (l.op.getText().equals("&&")) {
                return Value.ofInt(left && !evaluate(l.expression(1)).isZero() ? 1 : 0);
            }
            return Value.ofInt(left || !evaluate(l.expression(1)).isZero() ? 1 : 0);
        }
        if (e instanceof ConditionalExprContext c) {
            return evaluate(evaluate(c.expression(0)).isZero() ? c.expression(2) : c.expression(1));
        }
        if (e instanceof BinaryExprContext b) {
            return binary(b.op, evaluate(b.expression(0)), evaluate(b.expression(1)));
        }
        throw new NotConstantException(e.start, "unsupported expression");
    }

    private Value evaluate(UnaryExpressionContext e) throws NotConstantException {
        if (e instanceof ParenExprContext p) {
            return evaluate(p.expression());
        }
        if (e instanceof ExtensionExprContext x) {
            return evaluate(x.unaryExpression());
        }
        if (e instanceof PrimaryExprContext p) {
            return primary(p.primaryExpression());
        }
        if (e instanceof SizeofExprContext s) {
            return new Value(sizeOf(env.type(s.typeName()), s.start), true, true);
        }
        if (e instanceof AlignofExprContext a) {
            return new Value(alignOf(env.type(a.typeName()), a.start), true, true);
        }
        if (e instanceof CastExprContext c) {
            return cast(env.type(c.typeName()), evaluate(c.unaryExpression()), c.start);
        }
        if (e instanceof PrefixExprContext u) {
            Value v = evaluate(u.unaryExpression());
            return switch (u.op.getText()) {
                case "+" -> v;
                case "-" -> new Value(-v.bits(), v.unsigned(), v.wide());
                case "~" -> new Value(~v.bits(), v.unsigned(), v.wide());
                default -> Value.ofInt(v.isZero() ? 1 : 0);
            };
        }
        throw new NotConstantException(e.start, "unsupported expression");
    }

    private Value primary(PrimaryExpressionContext p) throws NotConstantException {
        if (p.IntegerConstant() != null) {
            return integerLiteral(p.IntegerConstant().getSymbol());
        }
        if (p.CharacterConstant() != null) {
            return charLiteral(p.CharacterConstant().getSymbol());
        }
        if (p.Identifier() != null) {
            String name = p.Identifier().getText();
            return env.constant(name)
                    .orElseThrow(() -> new NotConstantException(p.start, "'" + name + "' is not an enumerator or an integer #define"));
        }
        if (p.FloatingConstant() != null) {
            throw new NotConstantException(p.start, "floating constant in an integer constant expression");
        }
        throw new NotConstantException(p.start, "string literal in an integer constant expression");
    }

    /** C11 6.3.1.8: the common type of two promoted operands. */
    private static Value[] convert(Value a, Value b) {
        boolean wide = a.wide() || b.wide();
        boolean unsigned;
        if (a.wide() == b.wide()) {
            unsigned = a.unsigned() || b.unsigned();
        } else {
            unsigned = a.wide() ? a.unsigned() : b.unsigned();
        }
        return new Value[] {new Value(a.bits(), unsigned, wide), new Value(b.bits(), unsigned, wide)};
    }

    private static Value binary(Token op, Value a, Value b) throws NotConstantException {
        String o = op.getText();
        if (o.equals("<<") || o.equals(">>")) {
            long n = b.bits();
            if (n < 0 || n >= a.width()) {
                throw new NotConstantException(op, "shift count " + (b.unsigned() ? Long.toUnsignedString(n) : n)
                        + " is out of range for a " + a.width() + "-bit operand");
            }
            if (o.equals("<<")) {
                return new Value(a.bits() << n, a.unsigned(), a.wide());
            }
            return new Value(a.unsigned() ? a.bits() >>> n : a.bits() >> n, a.unsigned(), a.wide());
        }
        Value[] c = convert(a, b);
        long x = c[0].bits();
        long y = c[1].bits();
        boolean u = c[0].unsigned();
        boolean w = c[0].wide();
        return switch (o) {
            case "*" -> new Value(x * y, u, w);
            case "+" -> new Value(x + y, u, w);
            case "-" -> new Value(x - y, u, w);
            case "/", "%" -> {
                if (y == 0) {
                    throw new NotConstantException(op, "division by zero");
                }
                long r = o.equals("/") ? (u ? Long.divideUnsigned(x, y) : x / y) : (u ? Long.remainderUnsigned(x, y) : x % y);
                yield new Value(r, u, w);
            }
            case "&" -> new Value(x & y, u, w);
            case "|" -> new Value(x | y, u, w);
            case "^" -> new Value(x ^ y, u, w);
            case "==" -> Value.ofInt(x == y ? 1 : 0);
            case "!=" -> Value.ofInt(x != y ? 1 : 0);
            default -> {
                int cmp = u ? Long.compareUnsigned(x, y) : Long.compare(x, y);
                boolean r = switch (o) {
                    case "<" -> cmp < 0;
                    case ">" -> cmp > 0;
                    case "<=" -> cmp <= 0;
                    default -> cmp >= 0;
                };
                yield Value.ofInt(r ? 1 : 0);
            }
        };
    }

    /** C11 6.4.4.1: the value and type of an integer literal such as {@code 0x10u}. */
    static Value integerLiteral(Token t) throws NotConstantException {
        String text = t.getText().toLowerCase(Locale.ROOT);
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == 'u' || text.charAt(end - 1) == 'l')) {
            end--;
        }
        String suffix = text.substring(end);
        String digits = text.substring(0, end);
        int radix = 10;
        if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0b")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        BigInteger big = new BigInteger(digits, radix);
        if (big.bitLength() > 64) {
            throw new NotConstantException(t, "integer constant is too large for its type");
        }
        long v = big.longValue();
        boolean u = suffix.contains("u");
        boolean l = suffix.contains("l");
        boolean decimal = radix == 10;
        boolean fitsInt = Long.compareUnsigned(v, 0x7FFF_FFFFL) <= 0;
        boolean fitsUint = Long.compareUnsigned(v, 0xFFFF_FFFFL) <= 0;
        boolean fitsLong = v >= 0;
        if (!l && !u && fitsInt) {
            return new Value(v, false, false);
        }
        if (!l && fitsUint && (u || !decimal)) {
            return new Value(v, true, false);
        }
        if (!u && fitsLong) {
            return new Value(v, false, true);
        }
        return new Value(v, true, true);
    }

    /** C11 6.4.4.4: a character constant is an {@code int}; plain {@code char} is signed on x86-64. */
    static Value charLiteral(Token t) throws NotConstantException {
        String text = t.getText();
        char prefix = text.charAt(0);
        String body = text.substring(text.indexOf('\'') + 1, text.length() - 1);
        long value;
        int consumed;
        if (body.charAt(0) != '\\') {
            value = body.codePointAt(0);
            consumed = Character.charCount((int) value);
        } else {
            char e = body.charAt(1);
            consumed = 2;
            switch (e) {
                case 'n' -> value = '\n';
                case 't' -> value = '\t';
                case 'r' -> value = '\r';
                case 'a' -> value = 7;
                case 'b' -> value = 8;
                case 'f' -> value = 12;
                case 'v' -> value = 11;
                case 'x', 'u', 'U' -> {
                    int i = 2;
                    while (i < body.length() && Character.digit(body.charAt(i), 16) >= 0) {
                        i++;
                    }
                    value = Long.parseLong(body.substring(2, i), 16);
                    consumed = i;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int i = 1;
                        while (i < body.length() && i < 4 && body.charAt(i) >= '0' && body.charAt(i) <= '7') {
                            i++;
                        }
                        value = Long.parseLong(body.substring(1, i), 8);
                        consumed = i;
                    } else {
                        value = e;
                    }
                }
            }
        }
        if (consumed != body.length()) {
            throw new NotConstantException(t, "multi-character constant");
        }
        if (prefix == '\'' && value > 0x7F && value <= 0xFF) {
            value = (byte) value;
        }
        return Value.ofInt(value);
    }

    private static Value cast(CType type, Value v, Token at) throws NotConstantException {
        CType r = type.resolved();
        if (r instanceof CType.EnumRef) {
            return new Value(v.bits(), false, false);
        }
        if (!(r instanceof CType.Prim p) || p.kind().floating()) {
            throw new NotConstantException(at, "cast to a non-integer type");
        }
        long b = v.bits();
        return switch (p.kind()) {
            case BOOL -> Value.ofInt(b != 0 ? 1 : 0);
            case CHAR, SCHAR -> Value.ofInt((byte) b);
            case UCHAR -> Value.ofInt(b & 0xFF);
            case SHORT -> Value.ofInt((short) b);
            case USHORT -> Value.ofInt(b & 0xFFFF);
            case INT -> new Value(b, false, false);
            case UINT -> new Value(b, true, false);
            case LONG, LLONG -> new Value(b, false, true);
            default -> new Value(b, true, true);
        };
    }

    /** {@code sizeof} on LP64 for the types whose size needs no struct layout. */
    static long sizeOf(CType type, Token at) throws NotConstantException {
        CType r = type.resolved();
        if (r instanceof CType.Prim p) {
            return p.kind().size();
        }
        if (r instanceof CType.Pointer) {
            return 8;
        }
        if (r instanceof CType.EnumRef) {
            return 4;
        }
        if (r instanceof CType.Array a && a.length().isPresent()) {
            return a.length().getAsLong() * sizeOf(a.element(), at);
        }
        throw new NotConstantException(at, "jembed cannot compute the size of '" + HeaderParser.spell(type) + "' here");
    }

    private static long alignOf(CType type, Token at) throws NotConstantException {
        CType r = type.resolved();
        if (r instanceof CType.Array a) {
            return alignOf(a.element(), at);
        }
        return sizeOf(r, at);
    }
}
