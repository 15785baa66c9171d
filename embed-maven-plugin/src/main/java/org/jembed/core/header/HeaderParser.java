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
import org.jembed.core.model.Param;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.StructDecl;
import org.jembed.core.header.TypeReader.Declared;
import org.jembed.core.header.TypeReader.Specs;

/**
 * The parse stage: turns the output of {@code gcc -E -dD} (see {@link Preprocessor}) into an {@link ApiModel}.
 *
 * <p>What is read: the declarations of the main header and of the project headers it includes (C11 6.7:
 * functions, typedefs, structs and unions, enums, {@code extern} variables), and the main header's object-like
 * {@code #define}s, as candidates for constants. System headers (line-marker flag 3) are not parsed: their typedef
 * names are known ({@link CType.Opaque}) and what they are, where it matters, is the compiler's answer
 * ({@link Probe}); a system header that defines a struct the API uses (e.g. {@code ladspa.h}) is read for its types.
 * Values (enumerators, array lengths given as expressions, macros) are the compiler's too. GNU decorations
 * ({@code __attribute__}, {@code __extension__}, {@code __asm__} labels) are accepted and dropped; qualifiers
 * ({@code const}, {@code volatile}, {@code restrict} in any spelling) are kept.
 *
 * <p>The stage has three parts: this driver (external declarations, functions, variables, macros, error recovery),
 * {@link TypeReader} (specifiers and declarators to {@link CType}s) and {@link TagTable} (structs, unions, enums and
 * typedefs), sharing a {@link ParseContext}.
 *
 * <p>Errors: every syntax error (one per declaration; parsing resumes after the next top-level {@code ;}) and every
 * semantic error (unknown type name, conflicting typedef, duplicate enumerator,
 * function definition, unsupported {@code _Complex}/{@code __int128}/{@code _Alignas}/{@code _Atomic}) is collected
 * with its {@code file:line:col} and thrown at the end as one {@link DiagnosticException}, worded as gcc words
 * them, e.g. {@code plugin.h:3:12: error: unknown type name 'foo_t'}. Positions are the original file and line;
 * the column is the column in the preprocessed line (the same unless a macro expanded earlier on that line).
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
    private int syntaxErrorIndex = -1;

    private HeaderParser(String preprocessedText, String mainFileName, Set<String> promoted) {
        super(context(preprocessedText, mainFileName, promoted));
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
    }

    private static ParseContext context(String preprocessedText, String mainFileName, Set<String> promoted) {
        PreprocessedSource source = PreprocessedSource.split(preprocessedText, mainFileName, promoted);
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
        HeaderParser first = new HeaderParser(preprocessedText, mainFileName, Set.of());
        Result result = first.run();
        // a struct the API uses that a system header defines (a plugin API's header in /usr/include, e.g. ladspa.h):
        // read that header's types too, so that the struct gets a view
        Set<String> used = new java.util.TreeSet<>();
        result.model().functions().forEach(f -> {
            opaqueNames(f.returnType(), used);
            f.params().forEach(p -> opaqueNames(p.type(), used));
        });
        result.model().typedefs().forEach(t -> opaqueNames(t.target(), used));
        result.model().structs().forEach(st -> st.fields().forEach(f -> opaqueNames(f.type(), used)));
        result.model().globals().forEach(g -> opaqueNames(g.type(), used));
        Set<String> promoted = new java.util.TreeSet<>();
        for (String name : used) {
            String file = first.source.systemDefinitions().get(name);
            if (file != null) {
                promoted.add(file);
            }
        }
        if (promoted.isEmpty()) {
            return result;
        }
        try {
            return new HeaderParser(preprocessedText, mainFileName, promoted).run();
        } catch (DiagnosticException e) {
            // the system header is beyond jembed's parser (C library internals): its types stay opaque
            return result;
        }
    }

    private static void opaqueNames(CType t, Set<String> out) {
        if (t instanceof CType.Named n) {
            if (n.target() instanceof CType.Opaque o) {
                out.add(o.name());
            } else {
                opaqueNames(n.target(), out);
            }
        } else if (t instanceof CType.Qualified q) {
            opaqueNames(q.inner(), out);
        } else if (t instanceof CType.Pointer p) {
            opaqueNames(p.pointee(), out);
        } else if (t instanceof CType.Array a) {
            opaqueNames(a.element(), out);
        } else if (t instanceof CType.Function f) {
            opaqueNames(f.returnType(), out);
            f.params().forEach(p -> opaqueNames(p.type(), out));
        }
    }

    private Result run() throws DiagnosticException {
        while (tokens.LA(1) != Token.EOF) {
            int start = tokens.index();
            syntaxErrorIndex = -1;
            try {
                ExternalDeclarationContext declaration = parser.externalDeclaration();
                external(declaration);
            } catch (ParseCancellationException e) {
                resynchronise(start);
                parser.getErrorHandler().reset(parser);
            }
        }
        defines();
        if (diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
            throw new DiagnosticException(diagnostics);
        }
        List<StructDecl> structList = tags.structDecls();
        ApiModel model = new ApiModel(mainFileName, List.copyOf(functions.values()), structList,
                tags.enumDecls(), List.copyOf(typedefs.values()), List.copyOf(globals.values()),
                List.of(), List.copyOf(inlines), Abi.fromPredefined(source.predefined()));
        return new Result(model, List.copyOf(diagnostics), List.copyOf(macros.values()));
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
        if (d.functionBody() != null || specs.storage().equals("static") && specs.inline()
                && first.type().resolved() instanceof CType.Function) {
            if (specs.storage().equals("static") && first.type().resolved() instanceof CType.Function f) {
                SourcePos p = pos(first.token());
                if (p.file().equals(mainFileName) && inlines.stream().noneMatch(i -> i.name().equals(first.name()))) {
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
        declare(specs, first, d.initializer() != null);
        for (InitDeclaratorContext id : d.initDeclarator()) {
            declare(specs, declarator(specs.type(), id.declarator()), id.initializer() != null);
        }
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
            error(p, "'" + d.name() + "' is initialized in the API header; define it in a .c file under src/main/c"
                    + " and declare it 'extern' here");
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
        if (source.promoted().contains(p.file())) {
            return; // a system header read for its types: its variables are not the library's
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
