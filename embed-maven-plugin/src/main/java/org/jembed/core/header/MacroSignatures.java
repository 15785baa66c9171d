package org.jembed.core.header;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.jembed.core.ToolCall;
import org.jembed.core.header.CDeclParser.BinaryExprContext;
import org.jembed.core.header.CDeclParser.CallSuffixContext;
import org.jembed.core.header.CDeclParser.CastExprContext;
import org.jembed.core.header.CDeclParser.CommaExpressionContext;
import org.jembed.core.header.CDeclParser.ConditionalExprContext;
import org.jembed.core.header.CDeclParser.LogicalExprContext;
import org.jembed.core.header.CDeclParser.MemberSuffixContext;
import org.jembed.core.header.CDeclParser.NameContext;
import org.jembed.core.header.CDeclParser.ParenExprContext;
import org.jembed.core.header.CDeclParser.PostfixExprContext;
import org.jembed.core.header.CDeclParser.PrefixExprContext;
import org.jembed.core.header.CDeclParser.UnaryOnlyContext;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.GlobalDecl;
import org.jembed.core.model.HostFunction;
import org.jembed.core.model.MacroDecl;
import org.jembed.core.model.Param;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.TypedefDecl;

/**
 * Gives each function-like macro Java should call ({@code <hostFunctions>}) a prototype, so that the glue can wrap it
 * in a C function: {@code lua_pop(L,n)} becomes {@code void jembed_host_lua_pop(lua_State *, int)}. The preprocessor
 * expands the macro with placeholder arguments, in the header's own context; the expansion is read as a C expression,
 * and each parameter takes the type of where it lands:
 * <ol>
 *   <li>an argument of a function the headers declare: that parameter's type ({@code lua_settop(L, -(n)-1)}: {@code L}
 *       is a {@code lua_State *});</li>
 *   <li>the operand of a cast: the cast's type;</li>
 *   <li>an operand of an arithmetic, comparison or logical operator: {@code int} (C's promoted type);</li>
 *   <li>the left of {@code ->member}: a pointer to the one struct of the headers with a member of that name;</li>
 * </ol>
 * The result type is the compiler's: {@link Probe} compiles each wrapper with {@code __typeof__} of the expansion
 * and classifies it. A macro whose expansion is no expression (a statement, {@code do ... while (0)}), that uses a
 * parameter in no such place, or that refers to a name the headers do not declare ({@code PG_GETARG_INT32(n)} reads
 * {@code fcinfo}, a parameter of the function it is written in) gets no prototype and is reported.
 */
public final class MacroSignatures {

    /**
     * What inference gave.
     *
     * @param functions a host function per macro that has a prototype; its return type is
     *                  {@link #UNKNOWN_RESULT} until {@link Probe} answers
     * @param refused   each macro without a prototype, with why
     */
    public record Result(List<HostFunction> functions, Map<MacroDecl, String> refused) {}

    /** The return type of a macro before the probe has classified it. */
    public static final CType UNKNOWN_RESULT = new CType.Opaque("__jembed_macro_result");

    private static final String ARG = "jembed_macro_arg";

    private MacroSignatures() {
    }

    /**
     * Infers the prototypes of {@code macros}.
     *
     * @param macros  the function-like macros to type
     * @param parsed  the whole parse (every function, variable, enumerator and typedef of every header): what the
     *                expansions call and cast to
     * @param expansions each macro's expansion ({@link #expand})
     */
    public static Result infer(List<MacroDecl> macros, ApiModel parsed, Map<String, String> expansions) {
        Map<MacroDecl, String> refused = new LinkedHashMap<>();
        List<HostFunction> functions = new ArrayList<>();
        if (macros.isEmpty()) {
            return new Result(functions, refused);
        }
        Context context = new Context(parsed);
        for (MacroDecl m : macros) {
            String expansion = expansions.get(m.name());
            if (expansion == null) {
                refused.put(m, "the preprocessor did not expand it");
                continue;
            }
            try {
                functions.add(context.signature(m, expansion));
            } catch (Refused r) {
                refused.put(m, r.getMessage());
            }
        }
        return new Result(functions, refused);
    }

    /** The placeholder argument {@code i} of an expansion. */
    static String argument(int i) {
        return ARG + i;
    }

    /**
     * Each macro's expansion, by name, from one preprocessor run in the header's own context: an object-like macro
     * alone, a function-like one applied to placeholder arguments ({@link #argument}).
     *
     * @param request how to run the preprocessor as the probe does
     * @throws IOException when the compiler cannot be run
     */
    public static Map<String, String> expand(List<MacroDecl> macros, Probe.Request request) throws IOException {
        if (macros.isEmpty()) {
            return Map.of();
        }
        StringBuilder source = new StringBuilder("#include \"" + request.headerName().replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"\n");
        for (int k = 0; k < macros.size(); k++) {
            MacroDecl m = macros.get(k);
            source.append("jembed_expansion_").append(k).append(" ( ").append(m.name());
            if (m.functionLike()) {
                List<String> args = new ArrayList<>();
                for (int i = 0; i < m.params().get().size(); i++) {
                    args.add(argument(i));
                }
                source.append('(').append(String.join(", ", args)).append(')');
            }
            source.append(" ) jembed_expansion_end\n");
        }
        Path dir = Files.createTempDirectory("jembed-macros");
        try {
            Path input = dir.resolve("jembed-macros.c");
            Files.writeString(input, source.toString());
            List<String> command = new ArrayList<>(List.of(request.compiler(), "-E", "-P", "-std=gnu11"));
            for (Path d : request.includeDirs()) {
                command.add("-I" + d);
            }
            command.addAll(request.options());
            command.addAll(List.of("-iquote", ".", input.toString()));
            ToolCall call = ToolCall.run(command, request.workingDir());
            Map<String, String> out = new HashMap<>();
            String text = call.stdout();
            for (int k = 0; k < macros.size(); k++) {
                String begin = "jembed_expansion_" + k + " (";
                int at = text.indexOf(begin);
                int end = at < 0 ? -1 : text.indexOf(") jembed_expansion_end", at);
                if (at >= 0 && end > at) {
                    out.put(macros.get(k).name(), text.substring(at + begin.length(), end).replace('\n', ' ').strip());
                }
            }
            return out;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Why a macro gets no prototype. */
    private static final class Refused extends Exception {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    /** What the expansions may refer to: the whole parse's functions, variables, enumerators and type names. */
    private static final class Context {
        private final Map<String, CType.Function> functions = new HashMap<>();
        private final Set<String> objects = new HashSet<>();
        private final Set<String> typeNames = new HashSet<>();
        private final Map<String, List<CType>> structsByMember = new HashMap<>();

        Context(ApiModel parsed) {
            Map<String, String> typedefNames = new HashMap<>();
            for (TypedefDecl t : parsed.typedefs()) {
                if (t.target() instanceof CType.StructRef r) {
                    typedefNames.putIfAbsent(r.key(), t.name());
                }
            }
            for (org.jembed.core.model.StructDecl st : parsed.structs()) {
                if (!st.complete() || st.tag().isEmpty() && !typedefNames.containsKey(st.key())) {
                    continue;
                }
                CType named = typedefNames.containsKey(st.key())
                        ? new CType.Named(typedefNames.get(st.key()), st.ref()) : st.ref();
                for (org.jembed.core.model.Field f : org.jembed.core.model.Layout.named(st, parsed)) {
                    structsByMember.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(named);
                }
            }
            for (FunctionDecl f : parsed.functions()) {
                functions.put(f.name(), new CType.Function(f.returnType(), f.params(), f.variadic()));
            }
            for (HostFunction f : parsed.host().functions()) {
                functions.putIfAbsent(f.name(), f.type());
            }
            parsed.globals().forEach(g -> objects.add(g.name()));
            parsed.host().variables().stream().map(GlobalDecl::name).forEach(objects::add);
            for (EnumDecl e : parsed.enums()) {
                e.values().forEach(v -> objects.add(v.name()));
            }
            parsed.typedefs().stream().map(TypedefDecl::name).forEach(typeNames::add);
            typeNames.add("__builtin_va_list");
        }

        HostFunction signature(MacroDecl m, String expansion) throws Refused {
            CDeclLexer lexer = new CDeclLexer(CharStreams.fromString(expansion));
            lexer.removeErrorListeners();
            CDeclParser parser = new CDeclParser(new CommonTokenStream(lexer));
            parser.removeErrorListeners();
            parser.setErrorHandler(new org.antlr.v4.runtime.BailErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setTypeNames(typeNames::contains);
            ParseTree tree;
            try {
                tree = parser.macroExpansion();
            } catch (IllegalStateException e) {
                throw new Refused("its expansion is not a C expression ('" + abbreviate(expansion) + "')");
            }
            int n = m.params().get().size();
            Map<Integer, CType> fromCalls = new HashMap<>();
            Map<Integer, CType> fromCasts = new HashMap<>();
            Set<Integer> arithmetic = new HashSet<>();
            List<String> free = new ArrayList<>();
            walk(tree, fromCalls, fromCasts, arithmetic, free);
            if (!free.isEmpty()) {
                throw new Refused("it refers to '" + free.get(0) + "', which no header declares (a name of the code it is"
                        + " written in)");
            }
            List<Param> params = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                CType t = fromCalls.containsKey(i) ? fromCalls.get(i) : fromCasts.containsKey(i) ? fromCasts.get(i)
                        : arithmetic.contains(i) ? new CType.Prim(PrimKind.INT) : null;
                if (t == null) {
                    throw new Refused("the type of its parameter '" + m.params().get().get(i) + "' cannot be told from"
                            + " its expansion ('" + abbreviate(expansion) + "')");
                }
                params.add(new Param(m.params().get().get(i), t, m.pos()));
            }
            return new HostFunction(m.name(), new CType.Function(UNKNOWN_RESULT, params, false), HostFunction.Kind.MACRO,
                    m.pos(), "#define " + m.name() + "(" + String.join(", ", m.params().get()) + ") " + m.body());
        }

        private void walk(ParseTree t, Map<Integer, CType> fromCalls, Map<Integer, CType> fromCasts, Set<Integer> arithmetic,
                          List<String> free) {
            if (t instanceof NameContext name) {
                String id = name.getText();
                int arg = argumentIndex(id);
                if (arg >= 0) {
                    place(name, arg, fromCalls, fromCasts, arithmetic);
                } else if (!functions.containsKey(id) && !objects.contains(id) && !id.startsWith("__builtin_")
                        && !typeNames.contains(id) && !calledAsFunction(name)) {
                    free.add(id);
                }
            }
            for (int i = 0; i < t.getChildCount(); i++) {
                walk(t.getChild(i), fromCalls, fromCasts, arithmetic, free);
            }
        }

        /** A name followed by a call suffix: a function the headers may declare implicitly (a GNU builtin). */
        private static boolean calledAsFunction(NameContext name) {
            return name.getParent() instanceof PostfixExprContext p && !p.postfixSuffix().isEmpty()
                    && p.postfixSuffix(0) instanceof CallSuffixContext && name.getText().startsWith("__");
        }

        /** Records what the context of placeholder {@code arg} says its type is. */
        private void place(NameContext name, int arg, Map<Integer, CType> fromCalls, Map<Integer, CType> fromCasts,
                           Set<Integer> arithmetic) {
            // the placeholder alone as a postfix expression, then up through parentheses
            if (!(name.getParent() instanceof PostfixExprContext pe) || !pe.postfixSuffix().isEmpty()) {
                return;
            }
            ParserRuleContext node = pe;
            while (true) {
                ParserRuleContext up = node.getParent();
                if (up instanceof UnaryOnlyContext || up instanceof CommaExpressionContext c && c.expression().size() == 1
                        || up instanceof ParenExprContext) {
                    node = up;
                    continue;
                }
                if (up instanceof PostfixExprContext p && p.primaryExpression() instanceof ParenExprContext
                        && p.postfixSuffix().isEmpty()) {
                    node = up;
                    continue;
                }
                if (up instanceof CDeclParser.ExtensionExprContext) {
                    node = up;
                    continue;
                }
                break;
            }
            ParserRuleContext up = node.getParent();
            if (up instanceof PostfixExprContext p && !p.postfixSuffix().isEmpty()
                    && p.postfixSuffix(0) instanceof MemberSuffixContext member && member.op.getText().equals("->")) {
                // p->member: a pointer to the one struct of the headers that has a member of that name
                List<CType> candidates = structsByMember.getOrDefault(member.Identifier().getText(), List.of());
                if (candidates.size() == 1) {
                    fromCasts.putIfAbsent(arg, new CType.Pointer(candidates.get(0)));
                }
                return;
            }
            if (up instanceof CallSuffixContext call && call.getParent() instanceof PostfixExprContext callee
                    && callee.primaryExpression() instanceof NameContext f && callee.postfixSuffix(0) == call) {
                int index = call.expression().indexOf(node);
                CType.Function type = functions.get(f.getText());
                if (type != null && index >= 0 && index < type.params().size()) {
                    fromCalls.putIfAbsent(arg, type.params().get(index).type());
                } else if (f.getText().equals("__builtin_expect") && index == 0) {
                    arithmetic.add(arg);
                }
            } else if (up instanceof CastExprContext cast && !text(cast.typeName()).contains(ARG)) {
                String spelled = text(cast.typeName());
                fromCasts.putIfAbsent(arg, new CType.Named(spelled, new CType.Opaque(spelled)));
            } else if (up instanceof BinaryExprContext || up instanceof LogicalExprContext
                    || up instanceof ConditionalExprContext c && c.expression(0) == node
                    || up instanceof PrefixExprContext p && !p.op.getText().equals("&") && !p.op.getText().equals("*")
                        && !p.op.getText().equals("++") && !p.op.getText().equals("--")) {
                arithmetic.add(arg);
            }
        }

        private static String text(ParserRuleContext ctx) {
            return ctx.start.getInputStream().getText(org.antlr.v4.runtime.misc.Interval.of(ctx.start.getStartIndex(),
                    ctx.stop.getStopIndex())).strip();
        }
    }

    private static int argumentIndex(String id) {
        if (!id.startsWith(ARG)) {
            return -1;
        }
        try {
            return Integer.parseInt(id.substring(ARG.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
