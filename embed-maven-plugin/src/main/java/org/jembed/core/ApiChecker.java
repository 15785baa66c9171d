package org.jembed.core;

import java.util.ArrayList;
import java.util.List;
import org.jembed.core.bind.TypeMapping;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.Field;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.Param;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.StructDecl;
import org.jembed.core.model.ViewNames;

/**
 * The check stage: everything the type mapping cannot carry is reported here, with the header position,
 * before anything is generated (variadic exports, {@code long double}, values passed by value that have
 * no mapping, bit-fields).
 */
public final class ApiChecker {
    private ApiChecker() {
    }

    /**
     * Checks {@code model}.
     *
     * @throws DiagnosticException listing every problem, in header order
     */
    public static void check(ApiModel model, ViewNames views) throws DiagnosticException {
        List<Diagnostic> errors = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FunctionDecl fn : model.functions()) {
            if (!seen.add(fn.name())) {
                continue;
            }
            if (fn.variadic()) {
                errors.add(Diagnostic.error(fn.pos(), "variadic function '" + fn.name()
                        + "' cannot be exported: Java cannot receive C variable arguments; declare a fixed parameter list"));
            }
            for (int i = 0; i < fn.params().size(); i++) {
                Param p = fn.params().get(i);
                if (TypeMapping.classify(p.type(), model, views) instanceof TypeMapping.Unsupported u) {
                    errors.add(Diagnostic.error(p.pos(), "parameter " + (i + 1) + " of '" + fn.name() + "': " + u.why()));
                } else if (TypeMapping.classify(p.type(), model, views) instanceof TypeMapping.VoidValue) {
                    errors.add(Diagnostic.error(p.pos(), "parameter " + (i + 1) + " of '" + fn.name() + "' has type 'void'"));
                }
            }
            if (TypeMapping.classify(fn.returnType(), model, views) instanceof TypeMapping.Unsupported u) {
                errors.add(Diagnostic.error(fn.pos(), "return type of '" + fn.name() + "': " + u.why()));
            }
        }
        for (StructDecl s : model.structs()) {
            for (Field f : s.fields()) {
                if (f.bitWidth().isPresent()) {
                    errors.add(Diagnostic.error(f.pos(), "bit-field '" + f.name() + "' in '" + s.displayName()
                            + "' is not supported: its layout is implementation-defined (C11 6.7.2.1p11); use an integer member and masks"));
                } else if (containsLongDouble(f.type())) {
                    errors.add(Diagnostic.error(f.pos(), "member '" + f.name() + "' of '" + s.displayName()
                            + "' has type 'long double', which has no Java counterpart; use 'double'"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new DiagnosticException(errors);
        }
    }

    private static boolean containsLongDouble(CType type) {
        CType t = type.resolved();
        while (t instanceof CType.Array a) {
            t = a.element().resolved();
        }
        return t instanceof CType.Prim p && p.kind() == PrimKind.LONG_DOUBLE;
    }
}
