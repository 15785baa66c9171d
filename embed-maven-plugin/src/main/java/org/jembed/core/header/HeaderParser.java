package org.jembed.core.header;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.jembed.core.header.CDeclParser.DeclarationContext;
import org.jembed.core.header.CDeclParser.DeclarationSpecifiersContext;
import org.jembed.core.header.CDeclParser.DeclaratorContext;
import org.jembed.core.header.CDeclParser.ExternalDeclarationContext;
import org.jembed.core.header.CDeclParser.InitDeclaratorContext;
import org.jembed.core.model.Abi;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.GlobalDecl;
import org.jembed.core.model.HostApi;
import org.jembed.core.model.HostFunction;
import org.jembed.core.model.MacroDecl;
import org.jembed.core.model.Skipped;
import org.jembed.core.model.TypedefDecl;
import java.util.Optional;
import org.jembed.core.model.Param;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.StructDecl;
import org.jembed.core.header.TypeReader.Declared;
import org.jembed.core.header.TypeReader.Specs;

/**
 * The parse stage: turns the output of {@code gcc -E -dD} (see {@link Preprocessor}) into an {@link ApiModel}.
 *
 * <p>What is read: every declaration of the main header and of every header it includes, project or system
 * (C11 6.7: functions, typedefs, structs and unions, enums, variables), and every {@code #define}. The main header
 * is the API: its functions are exported, its variables are the library's, and an error in it is an error. The
 * included headers are the host's: their functions, variables and macros become {@link HostApi} candidates, their
 * types are known by name and layout; a declaration there that jembed cannot read (a construct beyond this parser)
 * is skipped ({@link Skipped}) with no diagnostic, and becomes an error only where the API uses it. Types jembed
 * cannot carry ({@code __int128}, {@code _Complex}, {@code _Float128}, {@code _Atomic}, {@code typeof}) are read as
 * {@link CType.Unsupported}, an error only where the API passes them. Values (enumerators, array lengths given as
 * expressions, macros) are the compiler's ({@link Probe}). GNU decorations ({@code __attribute__}, C2x
 * {@code [[...]]}, {@code __extension__}, {@code __asm__} labels) are accepted and dropped; qualifiers
 * ({@code const}, {@code volatile}, {@code restrict} in any spelling) are kept.
 *
 * <p>The stage has three parts: this driver (external declarations, functions, variables, macros, error recovery),
 * {@link TypeReader} (specifiers and declarators to {@link CType}s) and {@link TagTable} (structs, unions, enums and
 * typedefs), sharing a {@link ParseContext}.
 *
 * <p>Errors in the main header: every syntax error (one per declaration; parsing resumes after the next top-level
 * {@code ;}) and every semantic error (unknown type name, conflicting typedef, duplicate enumerator, function
 * definition) is collected with its {@code file:line:col} and thrown at the end as one {@link DiagnosticException},
 * worded as gcc words them, e.g. {@code plugin.h:3:12: error: unknown type name 'foo_t'}. Positions are the original
 * file and line; the column is the column in the preprocessed line (the same unless a macro expanded earlier on that
 * line).
 *
 * <p>Instances are single-use; the static methods are the API.
 */
public final class HeaderParser extends ParsePart {

    /**
     * A parsed header: the model, the warnings found on the way (e.g. a function declared without a prototype), and
     * the main header's object-like macros, candidates for constants (their values are the compiler's: {@link Probe}).
     *
     * @param model    the declarations; enumerator values are placeholders until {@link Probe} fills them in
     * @param warnings warnings and notes in source order; empty when there are none
     * @param macros   the last definition of each object-like macro with a body, in order
     */
    public record Result(ApiModel model, List<Diagnostic> warnings, List<Probe.Macro> macros) {}

    private static final SourcePos NO_POS = new SourcePos("", 0, 0);

    /** Type names GNU C predefines: what they are is the compiler's answer ({@link Probe}), or beyond the mapping. */
    private static final Map<String, CType> BUILTIN_TYPES = Map.of(
            "__builtin_va_list", new CType.Opaque("__builtin_va_list"),
            "__int128_t", new CType.Unsupported("__int128_t", "'__int128' is not supported by jembed's type mapping"),
            "__uint128_t", new CType.Unsupported("__uint128_t", "'__int128' is not supported by jembed's type mapping"));

    private final String mainFileName;
    private final CommonTokenStream tokens;
    private final CDeclParser parser;
    private final List<Diagnostic> diagnostics;
    private final TypeReader types;
    private final TagTable tags;

    private final Map<String, FunctionDecl> functions = new LinkedHashMap<>();
    private final Map<String, GlobalDecl> globals = new LinkedHashMap<>();
    private final Map<String, Probe.Macro> macros = new LinkedHashMap<>();
    private final List<FunctionDecl> inlines = new ArrayList<>();
    private final Map<String, HostFunction> hostFunctions = new LinkedHashMap<>();
    private final Map<String, GlobalDecl> hostVariables = new LinkedHashMap<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private int syntaxErrorIndex = -1;

    private HeaderParser(String preprocessedText, String mainFileName) {
        super(context(preprocessedText, mainFileName));
        this.mainFileName = mainFileName;
        this.tokens = ctx.tokens;
        this.diagnostics = ctx.diagnostics;
        this.types = new TypeReader(ctx);
        this.tags = new TagTable(ctx, types);
        types.tags(tags);
        this.parser = new CDeclParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new SyntaxErrorStrategy((token, message) -> {
            syntaxErrorIndex = token.getTokenIndex();
            error(pos(token), message);
        }));
        parser.setTypeNames(this::isTypeName);
        BUILTIN_TYPES.forEach((name, type) -> typedefs.put(name, new TypedefDecl(name, type, NO_POS)));
    }

    private static ParseContext context(String preprocessedText, String mainFileName) {
        PreprocessedSource source = PreprocessedSource.split(preprocessedText, mainFileName);
        CDeclLexer lexer = new CDeclLexer(CharStreams.fromString(source.code()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        return new ParseContext(source, mainFileName, tokens);
    }

    private Specs specs(DeclarationSpecifiersContext c) {
        return types.specs(c);
    }

    private Declared declarator(CType base, DeclaratorContext d) {
        return types.declarator(base, d);
    }

    private void typedef(String name, CType type, SourcePos p) {
        tags.typedef(name, type, p);
    }

    /**
     * Parses a preprocessed header.
     *
     * @param preprocessedText the output of {@code gcc -E -dD} on the header ({@link Preprocessor.Result#text()})
     * @param mainFileName     the header's name exactly as gcc prints it in line markers, e.g. {@code src/main/c/plugin.h};
     *                         it becomes the file of every position in the main header and {@link ApiModel#headerName()}
     * @return the model
     * @throws DiagnosticException with every error (and warning) found, when there is at least one error
     */
    public static ApiModel parse(String preprocessedText, String mainFileName) throws DiagnosticException {
        return analyze(preprocessedText, mainFileName).model();
    }

    /**
     * As {@link #parse(String, String)}, also returning the warnings.
     *
     * @throws DiagnosticException with every error (and warning) found, when there is at least one error
     */
    public static Result analyze(String preprocessedText, String mainFileName) throws DiagnosticException {
        return new HeaderParser(preprocessedText, mainFileName).run();
    }

    private Result run() throws DiagnosticException {
        while (tokens.LA(1) != Token.EOF) {
            int start = tokens.index();
            int reported = diagnostics.size();
            SourcePos at = pos(tokens.LT(1));
            boolean main = at.file().equals(mainFileName);
            syntaxErrorIndex = -1;
            try {
                ExternalDeclarationContext declaration = parser.externalDeclaration();
                external(declaration);
            } catch (ParseCancellationException e) {
                resynchronise(start);
                parser.getErrorHandler().reset(parser);
            } catch (RuntimeException e) {
                // a construct this stage does not handle: a positioned error in the API, a skip elsewhere
                if (main) {
                    error(at, "jembed cannot read this declaration (" + e + "); please report it with the header");
                } else {
                    error(at, e.toString());
                }
                resynchronise(start);
                parser.getErrorHandler().reset(parser);
            }
            if (!main) {
                skipIfFailed(start, reported, at);
                stopAtMainHeader(start);
            }
        }
        defines();
        if (diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
            throw new DiagnosticException(diagnostics);
        }
        List<StructDecl> structList = tags.structDecls();
        HostApi host = new HostApi(List.copyOf(hostFunctions.values()), List.copyOf(hostVariables.values()),
                hostMacros(), skipped);
        BUILTIN_TYPES.keySet().forEach(typedefs::remove);
        ApiModel model = new ApiModel(mainFileName, List.copyOf(functions.values()), structList,
                tags.enumDecls(), List.copyOf(typedefs.values()), List.copyOf(globals.values()),
                List.of(), List.copyOf(inlines), Abi.fromPredefined(source.predefined()), host);
        return new Result(model, List.copyOf(diagnostics), List.copyOf(macros.values()));
    }

    /**
     * A declaration of an included header that the parser (or its recovery) read on into the main header, e.g. an
     * unbalanced construct at the end of a header: the main header is read from its own first token again.
     */
    private void stopAtMainHeader(int start) {
        int end = tokens.index();
        for (int i = start + 1; i < end; i++) {
            Token t = tokens.get(i);
            if (t.getType() != Token.EOF && pos(t).file().equals(mainFileName)) {
                tokens.seek(i);
                return;
            }
        }
    }

    /**
     * After a declaration of an included header: when it failed (a syntax error, or an error of its own), its
     * diagnostics are dropped and it is recorded as skipped; a name it typedefs stays a type name (opaque), so that
     * what uses it still parses. Warnings and notes of included headers are dropped too: they are the host's.
     */
    private void skipIfFailed(int start, int reported, SourcePos at) {
        List<Diagnostic> own = new ArrayList<>(diagnostics.subList(reported, diagnostics.size()));
        diagnostics.subList(reported, diagnostics.size()).clear();
        Diagnostic firstError = own.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).findFirst().orElse(null);
        if (firstError == null) {
            return;
        }
        int end = Math.max(start + 1, tokens.index());
        StringBuilder text = new StringBuilder();
        for (int i = start; i < end && i < tokens.size(); i++) {
            text.append(tokens.get(i).getText()).append(' ');
        }
        String declared = PreprocessedSource.typedefName(text.toString()).orElse("");
        if (!declared.isEmpty() && !typedefs.containsKey(declared)) {
            typedefs.put(declared, new TypedefDecl(declared, new CType.Opaque(declared), at));
        }
        skipped.add(new Skipped(declared, firstError.message(), at));
    }

    /** Skips past the declaration that failed to parse: to the next {@code ;} or unmatched {@code }} at top level. */
    private void resynchronise(int start) {
        int error = Math.max(start, syntaxErrorIndex);
        int depth = 0;
        int i = start;
        while (true) {
            Token t = tokens.get(i);
            if (t.getType() == Token.EOF) {
                break;
            }
            if (t.getType() == CDeclLexer.LeftBrace) {
                depth++;
            } else if (t.getType() == CDeclLexer.RightBrace) {
                if (depth == 0 && i >= error) {
                    i++;
                    break;
                }
                depth = Math.max(0, depth - 1);
            } else if (t.getType() == CDeclLexer.Semi && depth == 0 && i >= error) {
                i++;
                break;
            }
            i++;
        }
        tokens.seek(Math.max(i, start + 1));
    }

    // ---------------------------------------------------------------------------------------------
    // External declarations

    private void external(ExternalDeclarationContext ctx) {
        if (ctx instanceof DeclarationContext d) {
            declaration(d);
        }
        // _Static_assert is the compiler's to check (the probe compiles the header)
    }

    private void declaration(DeclarationContext d) {
        Specs specs = specs(d.declarationSpecifiers());
        if (d.declarator() == null) {
            if (!specs.declaresTag()) {
                warning(pos(d.start), "declaration does not declare anything");
            }
            return;
        }
        Declared first = declarator(specs.type(), d.declarator());
        SourcePos firstPos = pos(first.token());
        if (!firstPos.file().equals(mainFileName) && first.type().resolved() instanceof CType.Function f
                && (d.functionBody() != null || specs.storage().equals("static"))) {
            // a function the header defines (static, static inline, or an inline definition): a wrapper calls it
            hostFunction(first.name(), f, HostFunction.Kind.STATIC, firstPos);
            return;
        }
        if (d.functionBody() != null || specs.storage().equals("static") && specs.inline()
                && first.type().resolved() instanceof CType.Function) {
            if (specs.storage().equals("static") && first.type().resolved() instanceof CType.Function f) {
                SourcePos p = pos(first.token());
                String name = first.name();
                if (p.file().equals(mainFileName) && inlines.stream().noneMatch(i -> i.name().equals(name))) {
                    inlines.add(new FunctionDecl(first.name(), f.returnType(), f.params(), f.variadic(), p));
                    note(p, "static " + (specs.inline() ? "inline " : "") + "function '" + first.name()
                            + "' is left to C: it is not exported and gets no Java binding");
                }
                return;
            }
            error(pos(first.token()), "function definitions are not allowed in the API header; move '" + first.name()
                    + "' to a .c file under src/main/c, or make it 'static inline' to leave it to C");
            return;
        }
        if (specs.storage().equals("typedef") && d.functionBody() == null) {
            Optional<CType> changed = attributeType(d);
            if (changed.isPresent()) {
                specs = new Specs(changed.get(), specs.storage(), specs.threadLocal(), specs.declaresTag(), specs.inline());
                first = new Declared(first.name(), first.token(), changed.get() instanceof CType.Opaque
                        ? new CType.Opaque(first.name()) : changed.get());
            }
        }
        declare(specs, first, d.initializer() != null);
        for (InitDeclaratorContext id : d.initDeclarator()) {
            declare(specs, declarator(specs.type(), id.declarator()), id.initializer() != null);
        }
    }

    /**
     * A typedef whose GNU attributes make another type than its specifiers say: {@code mode} picks the integer or
     * floating type of a machine mode ({@code typedef int register_t __attribute__((__mode__(__word__)))}, which is
     * {@code long} on LP64), so what it is becomes the compiler's answer (opaque: {@link Probe} classifies it);
     * {@code vector_size} makes a SIMD vector, which jembed does not carry.
     */
    private static Optional<CType> attributeType(DeclarationContext d) {
        String text = d.getText();
        if (!text.contains("__attribute")) {
            return Optional.empty();
        }
        if (text.matches("(?s).*__attribute__?\\(\\(.*\\b(__)?vector_size(__)?\\b.*")) {
            return Optional.of(new CType.Unsupported("vector", "SIMD vector types are not supported by jembed's type"
                    + " mapping"));
        }
        if (text.matches("(?s).*__attribute__?\\(\\(.*\\b(__)?mode(__)?\\(.*")) {
            return Optional.of(new CType.Opaque(""));
        }
        return Optional.empty();
    }

    private void declare(Specs specs, Declared d, boolean initialized) {
        SourcePos p = pos(d.token());
        if (specs.storage().equals("typedef")) {
            if (initialized) {
                error(p, "typedef '" + d.name() + "' is initialized");
            }
            typedef(d.name(), d.type(), p);
            return;
        }
        if (initialized) {
            if (p.file().equals(mainFileName)) {
                error(p, "'" + d.name() + "' is initialized in the API header; define it in a .c file under src/main/c"
                        + " and declare it 'extern' here");
            } else {
                skipped.add(new Skipped(d.name(), "a variable the header defines (initialized): it is the including"
                        + " file's own, not the host's", p));
            }
            return;
        }
        if (d.type().resolved() instanceof CType.Function f) {
            function(specs, d.name(), f, p);
        } else {
            variable(specs, d.name(), d.type(), p);
        }
    }

    private void function(Specs specs, String name, CType.Function f, SourcePos p) {
        boolean main = p.file().equals(mainFileName);
        switch (specs.storage()) {
            case "", "extern" -> { }
            case "static" -> {
                if (main) {
                    error(p, "function '" + name + "' is declared 'static'; an exported function must not be static");
                } else {
                    hostFunction(name, f, HostFunction.Kind.STATIC, p);
                }
                return;
            }
            default -> {
                error(p, "invalid storage class for function '" + name + "'");
                return;
            }
        }
        if (specs.threadLocal()) {
            error(p, "function '" + name + "' declared '_Thread_local'");
            return;
        }
        if (!main) {
            hostFunction(name, f, HostFunction.Kind.FUNCTION, p);
            return;
        }
        FunctionDecl decl = new FunctionDecl(name, f.returnType(), f.params(), f.variadic(), p);
        FunctionDecl previous = functions.get(name);
        if (previous == null) {
            functions.put(name, decl);
        } else if (!sameType(new CType.Function(previous.returnType(), previous.params(), previous.variadic()), f)) {
            error(p, "conflicting types for '" + name + "'; have '" + spell(f) + "', previously declared as '"
                    + spell(new CType.Function(previous.returnType(), previous.params(), previous.variadic()))
                    + "' at " + previous.pos());
        }
    }

    private void variable(Specs specs, String name, CType type, SourcePos p) {
        if (!p.file().equals(mainFileName)) {
            hostVariable(specs, name, type, p);
            return;
        }
        if (type.resolved() instanceof CType.Void) {
            error(p, "variable '" + name + "' declared void");
            return;
        }
        if (specs.threadLocal()) {
            error(p, "thread-local variable '" + name + "' is not supported by jembed");
            return;
        }
        switch (specs.storage()) {
            case "extern" -> { }
            case "" -> warning(p, "'" + name + "' is declared without 'extern', so every file that includes the header"
                    + " defines it; write 'extern' and define it in a .c file under src/main/c");
            case "static" -> {
                error(p, "static variable '" + name + "' in the API header; define it in a .c file under src/main/c");
                return;
            }
            default -> {
                error(p, "invalid storage class for '" + name + "' at file scope");
                return;
            }
        }
        GlobalDecl previous = globals.get(name);
        if (previous == null) {
            globals.put(name, new GlobalDecl(name, type, p));
        } else if (!sameType(previous.type(), type)) {
            error(p, "conflicting types for '" + name + "'; have '" + spell(type) + "', previously declared as '"
                    + spell(previous.type()) + "' at " + previous.pos());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The host's declarations

    /** A function of an included header; a {@code static} definition replaces an earlier {@code extern} prototype. */
    private void hostFunction(String name, CType.Function f, HostFunction.Kind kind, SourcePos p) {
        HostFunction previous = hostFunctions.get(name);
        if (previous == null || kind == HostFunction.Kind.STATIC && previous.kind() != HostFunction.Kind.STATIC) {
            hostFunctions.put(name, new HostFunction(name, f, kind, previous == null ? p : previous.pos()));
        }
    }

    /** A variable of an included header: an {@code extern} one (or a tentative definition) is the host's. */
    private void hostVariable(Specs specs, String name, CType type, SourcePos p) {
        if (specs.threadLocal() || specs.storage().equals("static") || type.resolved() instanceof CType.Void) {
            return;
        }
        hostVariables.putIfAbsent(name, new GlobalDecl(name, type, p));
        CType t = type;
        while (t instanceof CType.Qualified q) {
            t = q.inner();
        }
        if (t.resolved() instanceof CType.Pointer ptr && ptr.pointee().resolved() instanceof CType.Function fn) {
            hostFunction(name, fn, HostFunction.Kind.POINTER_VARIABLE, p);
        }
    }

    /** The {@code #define}s of the included headers: the last definition of each name that is still defined. */
    private List<MacroDecl> hostMacros() {
        Map<String, MacroDecl> out = new LinkedHashMap<>();
        for (PreprocessedSource.Directive d : source.allDirectives()) {
            if (d.pos().file().equals(mainFileName)) {
                continue;
            }
            out.remove(d.name());
            if (d.undef()) {
                continue;
            }
            if (!d.functionLike()) {
                out.put(d.name(), new MacroDecl(d.name(), Optional.empty(), d.body(), d.pos()));
                continue;
            }
            int close = d.body().indexOf(')');
            if (close < 0) {
                continue;
            }
            List<String> params = new ArrayList<>();
            for (String param : d.body().substring(0, close).split(",")) {
                if (!param.isBlank()) {
                    params.add(param.strip());
                }
            }
            out.put(d.name(), new MacroDecl(d.name(), Optional.of(List.copyOf(params)),
                    d.body().substring(close + 1).strip(), d.pos()));
        }
        return List.copyOf(out.values());
    }

    // ---------------------------------------------------------------------------------------------
    // #define constants

    private void defines() {
        for (PreprocessedSource.Directive d : source.directives()) {
            macros.remove(d.name());
            if (d.undef() || d.functionLike() || d.body().isEmpty()) {
                continue;
            }
            macros.put(d.name(), new Probe.Macro(d.name(), d.body(), d.pos()));
        }
    }

    /** Structural type equality, ignoring parameter names and positions (C11 6.7.6.3p15). */
    static boolean sameType(CType a, CType b) {
        return normalized(a).equals(normalized(b));
    }

    private static CType normalized(CType t) {
        if (t instanceof CType.Pointer p) {
            return new CType.Pointer(normalized(p.pointee()));
        }
        if (t instanceof CType.Qualified c) {
            return new CType.Qualified(normalized(c.inner()), c.qualifiers());
        }
        if (t instanceof CType.Array a) {
            return new CType.Array(normalized(a.element()), a.length(), a.lengthText());
        }
        if (t instanceof CType.Named n) {
            return new CType.Named(n.name(), normalized(n.target()));
        }
        if (t instanceof CType.Function f) {
            return new CType.Function(normalized(f.returnType()),
                    f.params().stream().map(p -> new Param("", normalized(p.type()), NO_POS)).toList(), f.variadic());
        }
        return t;
    }

    /** A type's C spelling for messages; anonymous structs and enums print as {@code <anonymous>}. */
    static String spell(CType t) {
        try {
            return t.cName();
        } catch (IllegalStateException e) {
            return "<anonymous " + (t.resolved() instanceof CType.EnumRef ? "enum" : "struct") + ">";
        }
    }
}
