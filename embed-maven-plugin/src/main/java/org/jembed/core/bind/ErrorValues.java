package org.jembed.core.bind;

import java.math.BigInteger;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.PrimKind;

/**
 * Parses {@code @Export(error = "...")} against the C return type (CFFI: {@code error=}) and renders it as a C
 * expression for the glue.
 */
public final class ErrorValues {
    private ErrorValues() {
    }

    /**
     * The error value {@code text} for a function returning {@code returnType}.
     *
     * @throws IllegalArgumentException with a message saying what the C type accepts, when {@code text} does not fit
     */
    public static Binding.ErrorValue parse(String text, CType returnType, ApiModel model) {
        CType t = returnType.resolved();
        String type = returnType.cName();
        if ((t instanceof CType.EnumRef || t instanceof CType.Prim p && p.kind() != PrimKind.FLOAT
                && p.kind() != PrimKind.DOUBLE && p.kind() != PrimKind.LONG_DOUBLE) && text.matches("[A-Za-z_][A-Za-z_0-9]*")
                && !text.equals("true") && !text.equals("false")) {
            // a name: an enumerator or an integer constant the headers define (NSS_STATUS_UNAVAIL, PAM_AUTH_ERR,
            // REDISMODULE_ERR), which the glue names as C does
            boolean known = model.enums().stream().flatMap(e -> e.values().stream()).anyMatch(en -> en.name().equals(text))
                    || model.constants().stream().anyMatch(c -> c.name().equals(text)
                            && c.value() instanceof org.jembed.core.model.ConstantDecl.IntValue);
            if (known) {
                return new Binding.ErrorValue("((" + type + ")(" + text + "))", text);
            }
            throw new IllegalArgumentException("'" + text + "' is no enumerator or integer constant of the headers jembed"
                    + " read; write its value, or list the macro in <hostConstants> (e.g. <hostConstant>" + text
                    + "</hostConstant>)");
        }
        if (t instanceof CType.Void) {
            throw new IllegalArgumentException("a void function has no error value; remove 'error'");
        }
        if (t instanceof CType.Pointer || t instanceof CType.Array) {
            if (text.equals("NULL") || text.equals("0")) {
                return new Binding.ErrorValue("NULL", "NULL");
            }
            throw new IllegalArgumentException("'" + type + "' can only have the error value \"NULL\"");
        }
        if (t instanceof CType.StructRef) {
            throw new IllegalArgumentException("a struct returned by value always has a zeroed struct as its error value;"
                    + " use onError to return another");
        }
        if (t instanceof CType.EnumRef e) {
            EnumDecl decl = model.enumDecl(e.key()).orElse(null);
            if (decl != null) {
                for (EnumDecl.Enumerator en : decl.values()) {
                    if (en.name().equals(text)) {
                        return new Binding.ErrorValue("(" + type + ")" + en.name(), text);
                    }
                }
            }
            int size = org.jembed.core.model.Carrier.of(t, model.abi()).orElseThrow(() ->
                    new IllegalArgumentException("'" + type + "' has no Java counterpart")).bytes();
            boolean signed = model.abi().enumLayout(e.key()).map(org.jembed.core.model.Abi.EnumLayout::signed).orElse(true);
            return integer(text, type, size, signed, "an enumerator of '" + type + "' or an integer");
        }
        PrimKind k = ((CType.Prim) t).kind();
        switch (k) {
            case BOOL:
                if (text.equals("true") || text.equals("1")) {
                    return new Binding.ErrorValue("1", "true");
                } else if (text.equals("false") || text.equals("0")) {
                    return new Binding.ErrorValue("0", "false");
                }
                throw new IllegalArgumentException("'" + type + "' accepts \"true\" or \"false\", not \"" + text + "\"");
            case FLOAT:
            case DOUBLE:
                return floating(text, type);
            case LONG_DOUBLE:
                throw new IllegalArgumentException("'long double' is not supported");
            default:
                return integer(text, type, org.jembed.core.model.Carrier.of(k, model.abi()).orElseThrow(() ->
                        new IllegalArgumentException("'" + type + "' has no Java counterpart")).bytes(),
                        k.signed() && !(k == PrimKind.CHAR && model.abi().charUnsigned()), "an integer");
        }
    }

    private static Binding.ErrorValue floating(String text, String type) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + type + "' accepts a floating literal, \"NaN\", \"Infinity\" or"
                    + " \"-Infinity\", not \"" + text + "\"");
        }
        String c;
        if (Double.isNaN(v)) {
            c = "NAN";
        } else if (Double.isInfinite(v)) {
            c = v > 0 ? "INFINITY" : "-INFINITY";
        } else {
            c = Double.toString(v);
        }
        return new Binding.ErrorValue("((" + type + ")(" + c + "))", text);
    }

    private static Binding.ErrorValue integer(String text, String type, int size, boolean signed, String what) {
        BigInteger v;
        try {
            String digits = text.startsWith("-") ? text.substring(1) : text;
            boolean hex = digits.startsWith("0x") || digits.startsWith("0X");
            v = new BigInteger(hex ? digits.substring(2) : digits, hex ? 16 : 10);
            if (text.startsWith("-")) {
                v = v.negate();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + type + "' accepts " + what + ", not \"" + text + "\"");
        }
        int bits = size * 8;
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = signed ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        // Also accept the bit pattern of a negative value for an unsigned type (e.g. -1 for UINT32_MAX), as C converts it.
        BigInteger lowest = signed ? min : BigInteger.ONE.shiftLeft(bits - 1).negate();
        if (v.compareTo(lowest) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException("" + text + " is out of range for '" + type + "' (" + lowest + " to " + max + ")");
        }
        String literal;
        if (v.signum() < 0) {
            literal = v.equals(BigInteger.valueOf(Long.MIN_VALUE)) ? "(-9223372036854775807LL - 1)" : v + "LL";
        } else {
            literal = v + "ULL";
        }
        return new Binding.ErrorValue("((" + type + ")" + literal + ")", text);
    }
}
