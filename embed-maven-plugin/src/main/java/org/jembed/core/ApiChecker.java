package org.jembed.core;

import java.util.ArrayList;
import java.util.List;
import org.jembed.core.bind.TypeMapping;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.FfmLayout;
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
        if (!errors.isEmpty()) {
            throw new DiagnosticException(errors);
        }
    }

    /**
     * What builds but is only partly carried: function-pointer types (of {@code model}) and, for an internal header,
     * functions that pass a struct by value FFM cannot describe (a union, a packed struct, bit-fields, an anonymous
     * struct) get no generated invoker or downcall. Such a callback still crosses as a {@code MemorySegment}, and such
     * an internal function may still be implemented in Java with {@code @Export}.
     *
     * @param model    a parsed header
     * @param internal true when {@code model} is the internal header (its functions may become downcalls)
     * @return warnings in header order; empty when everything is carried
     */
    public static List<Diagnostic> warnings(ApiModel model, boolean internal) {
        List<Diagnostic> out = new ArrayList<>();
        for (org.jembed.core.model.TypedefDecl t : model.typedefs()) {
            CType target = t.target().resolved();
            if (target instanceof CType.Pointer p && p.pointee().resolved() instanceof CType.Function) {
                target = p.pointee().resolved();
            }
            if (target instanceof CType.Function f) {
                notCarried(f, model).ifPresent(what -> out.add(new Diagnostic(t.pos(), Diagnostic.Severity.WARNING,
                        "no invoker is generated for '" + t.name() + "': it passes " + what + ", which FFM cannot "
                        + "describe; Java receives it as a MemorySegment (pass a pointer to call it from Java)")));
            }
        }
        if (internal) {
            for (FunctionDecl fn : model.functions()) {
                notCarried(new CType.Function(fn.returnType(), fn.params(), fn.variadic()), model).ifPresent(what -> out.add(
                        new Diagnostic(fn.pos(), Diagnostic.Severity.WARNING, "no downcall is generated for '" + fn.name()
                        + "': it passes " + what + ", which FFM cannot describe; implement it in Java with @Export, "
                        + "or pass a pointer")));
            }
        }
        return out;
    }

    /**
     * The first struct or union a function type passes or returns by value that FFM cannot carry, quoted with the
     * reason, e.g. {@code 'packed_t' by value (struct packed_t is packed ...)}.
     */
    private static java.util.Optional<String> notCarried(CType.Function f, ApiModel model) {
        List<CType> types = new ArrayList<>();
        types.add(f.returnType());
        f.params().forEach(p -> types.add(p.type()));
        for (CType t : types) {
            if (t.resolved() instanceof CType.StructRef r) {
                java.util.Optional<StructDecl> s = model.struct(r.key());
                String why;
                if (s.isEmpty() || !s.get().complete()) {
                    why = "it is incomplete";
                } else if (s.get().typedefName().isEmpty() && s.get().tag().isEmpty()) {
                    why = "an anonymous struct has no view; give it a typedef name";
                } else {
                    why = FfmLayout.of(s.get(), model).reason();
                }
                if (!why.isEmpty()) {
                    return java.util.Optional.of("'" + t.cName() + "' by value (" + why + ")");
                }
            }
        }
        return java.util.Optional.empty();
    }
}
