package org.jembed.core.header;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.antlr.v4.runtime.tree.Trees;
import org.jembed.core.header.CDeclParser.AbstractDeclaratorContext;
import org.jembed.core.header.CDeclParser.ArraySuffixContext;
import org.jembed.core.header.CDeclParser.DeclarationContext;
import org.jembed.core.header.CDeclParser.DeclarationSpecifiersContext;
import org.jembed.core.header.CDeclParser.DeclaratorContext;
import org.jembed.core.header.CDeclParser.DeclaratorSuffixContext;
import org.jembed.core.header.CDeclParser.DirectAbstractDeclaratorContext;
import org.jembed.core.header.CDeclParser.DirectDeclaratorContext;
import org.jembed.core.header.CDeclParser.EnumSpecifierContext;
import org.jembed.core.header.CDeclParser.EnumeratorContext;
import org.jembed.core.header.CDeclParser.ExternalDeclarationContext;
import org.jembed.core.header.CDeclParser.FunctionSuffixContext;
import org.jembed.core.header.CDeclParser.InitDeclaratorContext;
import org.jembed.core.header.CDeclParser.ParameterDeclarationContext;
import org.jembed.core.header.CDeclParser.ParameterTypeListContext;
import org.jembed.core.header.CDeclParser.PointerContext;
import org.jembed.core.header.CDeclParser.SpecifierNoTypeContext;
import org.jembed.core.header.CDeclParser.StaticAssertContext;
import org.jembed.core.header.CDeclParser.StaticAssertDeclarationContext;
import org.jembed.core.header.CDeclParser.StructDeclarationContext;
import org.jembed.core.header.CDeclParser.StructDeclaratorContext;
import org.jembed.core.header.CDeclParser.StructOrUnionSpecifierContext;
import org.jembed.core.header.CDeclParser.TypeNameContext;
import org.jembed.core.header.CDeclParser.TypeQualifierContext;
import org.jembed.core.header.CDeclParser.TypeSpecifierContext;
import org.jembed.core.header.CDeclParser.TypedefNameContext;
import org.jembed.core.model.Abi;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.ConstantDecl;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.Field;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.GlobalDecl;
import org.jembed.core.model.Param;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.StructDecl;
import org.jembed.core.model.TypedefDecl;

/**
 * The parse stage: turns the output of {@code gcc -E -dD} (see {@link Preprocessor}) into an {@link ApiModel}.
 *
 * <p>What is read: the declarations of the main header and of the project headers it includes (C11 6.7:
 * functions, typedefs, structs and unions, enums, {@code extern} variables), and the main header's object-like
 * {@code #define}s whose body is an integer constant expression (C11 6.6). System headers (line-marker flag 3)
 * are not parsed; their standard typedefs ({@code uint32_t}, {@code size_t}, ...) are known by name with their
 * LP64 types ({@link #STANDARD_TYPEDEFS}). GNU decorations ({@code __attribute__}, {@code __extension__},
 * {@code __restrict}, {@code __inline}, {@code __asm__} labels) are accepted and dropped.
 *
 * <p>Errors: every syntax error (one per declaration; parsing resumes after the next top-level {@code ;}) and every
 * semantic error (unknown type name, conflicting typedef, duplicate enumerator, non-constant array length,
 * function definition, unsupported {@code _Complex}/{@code __int128}/{@code _Alignas}/{@code _Atomic}) is collected
 * with its {@code file:line:col} and thrown at the end as one {@link DiagnosticException}, worded as gcc words
 * them, e.g. {@code plugin.h:3:12: error: unknown type name 'foo_t'}. Positions are the original file and line;
 * the column is the column in the preprocessed line (the same unless a macro expanded earlier on that line).
 *
 * <p>Instances are single-use; the static methods are the API.
 */
public final class HeaderParser {

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

    private final PreprocessedSource source;
    private final String mainFileName;
    private final CommonTokenStream tokens;
    private final CDeclParser parser;

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, TypedefDecl> typedefs = new LinkedHashMap<>();
    private final Map<String, StructBuilder> structs = new LinkedHashMap<>();
    private final Map<String, EnumDecl> enums = new LinkedHashMap<>();
    private final Set<String> definedEnums = new HashSet<>();
    private final Map<String, SourcePos> enumeratorPositions = new HashMap<>();
    private final Map<String, FunctionDecl> functions = new LinkedHashMap<>();
    private final Map<String, GlobalDecl> globals = new LinkedHashMap<>();
    private final Map<String, Probe.Macro> macros = new LinkedHashMap<>();
    private final List<FunctionDecl> inlines = new ArrayList<>();
    private int anonymous;
    private int syntaxErrorIndex = -1;

    private HeaderParser(String preprocessedText, String mainFileName, Set<String> promoted) {
        this.mainFileName = mainFileName;
        this.source = PreprocessedSource.split(preprocessedText, mainFileName, promoted);
        CDeclLexer lexer = new CDeclLexer(CharStreams.fromString(source.code()));
        lexer.removeErrorListeners();
        this.tokens = new CommonTokenStream(lexer);
        tokens.fill();
        this.parser = new CDeclParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new SyntaxErrorStrategy((token, message) -> {
            syntaxErrorIndex = token.getTokenIndex();
            error(pos(token), message);
        }));
        parser.setTypeNames(this::isTypeName);
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
        List<StructDecl> structList = structs.values().stream().map(StructBuilder::build).toList();
        ApiModel model = new ApiModel(mainFileName, List.copyOf(functions.values()), structList,
                List.copyOf(enums.values()), List.copyOf(typedefs.values()), List.copyOf(globals.values()),
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

    private void typedef(String name, CType type, SourcePos p) {
        TypedefDecl previous = typedefs.get(name);
        if (previous != null) {
            if (!sameType(previous.target(), type)) {
                error(p, "conflicting types for '" + name + "'; have '" + spell(type) + "', previously declared as '"
                        + spell(previous.target()) + "' at " + previous.pos());
            }
            return;
        }
        typedefs.put(name, new TypedefDecl(name, type, p));
        if (type instanceof CType.StructRef ref) {
            StructBuilder b = structs.get(ref.key());
            if (b != null && b.typedefName.isEmpty()) {
                b.typedefName = Optional.of(name);
            }
        } else if (type instanceof CType.EnumRef ref) {
            EnumDecl e = enums.get(ref.key());
            if (e != null && e.typedefName().isEmpty()) {
                enums.put(ref.key(), new EnumDecl(e.key(), e.tag(), e.values(), Optional.of(name), e.pos()));
            }
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
    // Specifiers (C11 6.7.1 - 6.7.5)

    /** The meaning of a declaration's specifiers. */
    private record Specs(CType type, String storage, boolean threadLocal, boolean declaresTag, boolean inline) {}

    private Specs specs(DeclarationSpecifiersContext ctx) {
        String storage = "";
        boolean threadLocal = false;
        java.util.Set<CType.Qualifier> qualifiers = java.util.EnumSet.noneOf(CType.Qualifier.class);
        boolean inline = false;
        boolean declaresTag = false;
        boolean definesTag = false;
        List<Token> keywords = new ArrayList<>();
        CType other = null;
        Token otherToken = null;
        for (ParseTree child : ctx.children) {
            if (child instanceof SpecifierNoTypeContext s) {
                if (s.storageClassSpecifier() != null) {
                    String sc = s.storageClassSpecifier().getText();
                    if (sc.equals("_Thread_local") || sc.equals("__thread")) {
                        threadLocal = true;
                    } else if (!storage.isEmpty()) {
                        error(pos(s.start), "multiple storage classes in declaration specifiers");
                    } else {
                        storage = sc;
                    }
                } else if (s.typeQualifier() != null) {
                    TypeQualifierContext q = s.typeQualifier();
                    if (q.KwAtomic() != null) {
                        error(pos(q.start), "'_Atomic' is not supported by jembed's type mapping");
                    } else {
                        qualifiers.add(qualifier(q));
                    }
                } else if (s.functionSpecifier() != null) {
                    inline |= s.functionSpecifier().getText().contains("inline");
                } else if (s.alignmentSpecifier() != null) {
                    error(pos(s.start), "'_Alignas' is not supported by jembed");
                }
            } else if (child instanceof TypedefNameContext t) {
                otherToken = t.start;
                other = typedefType(t.Identifier().getSymbol());
            } else if (child instanceof TypeSpecifierContext t) {
                CType tagged = null;
                if (t.structOrUnionSpecifier() != null) {
                    tagged = struct(t.structOrUnionSpecifier());
                    declaresTag = true;
                    definesTag = t.structOrUnionSpecifier().LeftBrace() != null;
                } else if (t.enumSpecifier() != null) {
                    tagged = enumeration(t.enumSpecifier());
                    declaresTag = true;
                    definesTag = t.enumSpecifier().LeftBrace() != null;
                } else {
                    keywords.add(t.start);
                }
                if (tagged != null) {
                    if (other != null) {
                        error(pos(t.start), "two or more data types in declaration specifiers");
                    } else {
                        other = tagged;
                        otherToken = t.start;
                    }
                }
            }
        }
        CType type;
        if (other != null) {
            if (!keywords.isEmpty()) {
                Token first = keywords.get(0);
                boolean afterDefinition = definesTag && first.getTokenIndex() > otherToken.getTokenIndex();
                error(pos(first.getTokenIndex() < otherToken.getTokenIndex() ? otherToken : first),
                        "two or more data types in declaration specifiers"
                                + (afterDefinition ? "; is a ';' missing after the definition of '" + spell(other) + "'?" : ""));
            }
            type = other;
        } else {
            type = primitive(keywords);
        }
        if (!qualifiers.isEmpty()) {
            type = new CType.Qualified(type, qualifiers);
        }
        return new Specs(type, storage, threadLocal, declaresTag, inline);
    }

    private CType typedefType(Token name) {
        String n = name.getText();
        TypedefDecl own = typedefs.get(n);
        if (own != null) {
            return new CType.Named(n, own.target());
        }
        if (source.systemTypedefs().contains(n)) {
            // what it is, where it matters (by value), is the compiler's answer: see Probe
            return new CType.Named(n, new CType.Opaque(n));
        }
        error(pos(name), "unknown type name '" + n + "'");
        return new CType.Named(n, new CType.Prim(PrimKind.INT));
    }

    private enum Kw { VOID, CHAR, SHORT, INT, LONG, FLOAT, DOUBLE, SIGNED, UNSIGNED, BOOL, COMPLEX, INT128 }

    /** C11 6.7.2p2: the multisets of type keywords and the type each one names. */
    private CType primitive(List<Token> keywords) {
        EnumMap<Kw, Integer> n = new EnumMap<>(Kw.class);
        for (Kw k : Kw.values()) {
            n.put(k, 0);
        }
        for (Token t : keywords) {
            Kw k = switch (t.getType()) {
                case CDeclLexer.KwVoid -> Kw.VOID;
                case CDeclLexer.KwChar -> Kw.CHAR;
                case CDeclLexer.KwShort -> Kw.SHORT;
                case CDeclLexer.KwInt -> Kw.INT;
                case CDeclLexer.KwLong -> Kw.LONG;
                case CDeclLexer.KwFloat -> Kw.FLOAT;
                case CDeclLexer.KwDouble -> Kw.DOUBLE;
                case CDeclLexer.KwSigned, CDeclLexer.KwSigned2, CDeclLexer.KwSigned3 -> Kw.SIGNED;
                case CDeclLexer.KwUnsigned -> Kw.UNSIGNED;
                case CDeclLexer.KwBool -> Kw.BOOL;
                case CDeclLexer.KwComplex, CDeclLexer.KwComplex2 -> Kw.COMPLEX;
                default -> Kw.INT128;
            };
            if (k == Kw.COMPLEX && n.get(k) == 0) {
                error(pos(t), "'_Complex' is not supported by jembed's type mapping");
            } else if (k == Kw.INT128 && n.get(k) == 0) {
                error(pos(t), "'__int128' is not supported by jembed's type mapping");
            }
            n.merge(k, 1, Integer::sum);
        }
        if (keywords.isEmpty()) {
            return new CType.Prim(PrimKind.INT);
        }
        SourcePos at = pos(keywords.get(0));
        for (Kw k : Kw.values()) {
            if (n.get(k) > (k == Kw.LONG ? 2 : 1)) {
                error(at, k == Kw.LONG ? "'long long long' is too long for GCC" : "duplicate '" + spelling(k) + "'");
                return new CType.Prim(PrimKind.INT);
            }
        }
        if (n.get(Kw.SIGNED) > 0 && n.get(Kw.UNSIGNED) > 0) {
            error(at, "both 'signed' and 'unsigned' in declaration specifiers");
            return new CType.Prim(PrimKind.INT);
        }
        boolean unsigned = n.get(Kw.UNSIGNED) > 0;
        int sign = n.get(Kw.SIGNED) + n.get(Kw.UNSIGNED);
        int longs = n.get(Kw.LONG);
        int others = keywords.size() - n.get(Kw.COMPLEX);
        if (n.get(Kw.INT128) > 0) {
            return new CType.Prim(unsigned ? PrimKind.ULLONG : PrimKind.LLONG);
        }
        if (n.get(Kw.VOID) > 0 && others == 1 && n.get(Kw.COMPLEX) == 0) {
            return new CType.Void();
        }
        if (n.get(Kw.BOOL) > 0 && others == 1) {
            return new CType.Prim(PrimKind.BOOL);
        }
        if (n.get(Kw.FLOAT) > 0 && others == 1) {
            return new CType.Prim(PrimKind.FLOAT);
        }
        if (n.get(Kw.DOUBLE) > 0 && others == 1 + longs && longs <= 1) {
            return new CType.Prim(longs == 1 ? PrimKind.LONG_DOUBLE : PrimKind.DOUBLE);
        }
        if (n.get(Kw.COMPLEX) > 0 && others == 0) {
            return new CType.Prim(PrimKind.DOUBLE);
        }
        if (n.get(Kw.CHAR) > 0 && others == 1 + sign) {
            return new CType.Prim(n.get(Kw.SIGNED) > 0 ? PrimKind.SCHAR : unsigned ? PrimKind.UCHAR : PrimKind.CHAR);
        }
        int shorts = n.get(Kw.SHORT);
        if (others == sign + shorts + longs + n.get(Kw.INT) && !(shorts > 0 && longs > 0)) {
            if (shorts > 0) {
                return new CType.Prim(unsigned ? PrimKind.USHORT : PrimKind.SHORT);
            }
            return new CType.Prim(switch (longs) {
                case 0 -> unsigned ? PrimKind.UINT : PrimKind.INT;
                case 1 -> unsigned ? PrimKind.ULONG : PrimKind.LONG;
                default -> unsigned ? PrimKind.ULLONG : PrimKind.LLONG;
            });
        }
        error(at, "two or more data types in declaration specifiers");
        return new CType.Prim(PrimKind.INT);
    }

    private static String spelling(Kw k) {
        return switch (k) {
            case BOOL -> "_Bool";
            case COMPLEX -> "_Complex";
            case INT128 -> "__int128";
            default -> k.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Structs, unions and enums (C11 6.7.2.1 - 6.7.2.3)

    /** A struct or union being collected; one per key, completed when its definition is seen. */
    private static final class StructBuilder {
        final String key;
        final String tag;
        final boolean union;
        List<Field> fields = List.of();
        boolean complete;
        Optional<String> typedefName = Optional.empty();
        SourcePos pos;

        StructBuilder(String key, String tag, boolean union, SourcePos pos) {
            this.key = key;
            this.tag = tag;
            this.union = union;
            this.pos = pos;
        }

        StructDecl build() {
            return new StructDecl(key, tag, union, fields, complete, typedefName, pos);
        }
    }

    private CType struct(StructOrUnionSpecifierContext c) {
        boolean union = c.structOrUnion().KwUnion() != null;
        String kind = union ? "union" : "struct";
        Token tagToken = c.Identifier() != null ? c.Identifier().getSymbol() : null;
        String tag = tagToken != null ? tagToken.getText() : "";
        SourcePos p = pos(tagToken != null ? tagToken : c.start);
        String key = tag.isEmpty() ? "$anon" + (++anonymous) : tag;
        boolean defines = c.LeftBrace() != null;
        StructBuilder b = structs.get(key);
        boolean wrongKind = (b != null && b.union != union) || (!tag.isEmpty() && enums.containsKey(key));
        if (wrongKind) {
            error(p, "'" + tag + "' defined as wrong kind of tag");
        }
        if (b == null && !wrongKind) {
            b = new StructBuilder(key, tag, union, p);
            structs.put(key, b);
        }
        if (defines) {
            List<Field> fields = fields(c.structDeclaration());
            if (b != null && !wrongKind) {
                if (b.complete) {
                    error(p, "redefinition of '" + kind + " " + tag + "'; first defined at " + b.pos);
                } else {
                    b.fields = List.copyOf(fields);
                    b.complete = true;
                    b.pos = p;
                }
            }
        }
        return new CType.StructRef(union, tag, key);
    }

    private List<Field> fields(List<StructDeclarationContext> declarations) {
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (StructDeclarationContext sd : declarations) {
            if (sd.staticAssertDeclaration() != null) {
                continue;
            }
            if (sd.declarationSpecifiers() == null) {
                continue;
            }
            Specs specs = specs(sd.declarationSpecifiers());
            if (!specs.storage().isEmpty() || specs.threadLocal()) {
                error(pos(sd.start), "storage class specified for a member");
            }
            if (sd.structDeclaratorList() == null) {
                CType bare = specs.type() instanceof CType.Qualified k ? k.inner() : specs.type();
                if (bare instanceof CType.StructRef ref && ref.tag().isEmpty()) {
                    fields.add(new Field("", specs.type(), OptionalInt.empty(), pos(sd.start)));
                } else if (!specs.declaresTag()) {
                    warning(pos(sd.start), "declaration does not declare anything");
                }
                continue;
            }
            for (StructDeclaratorContext x : sd.structDeclaratorList().structDeclarator()) {
                Declared d = x.declarator() != null
                        ? declarator(specs.type(), x.declarator())
                        : new Declared("", x.start, specs.type());
                SourcePos p = pos(d.token());
                String shown = d.name().isEmpty() ? "<anonymous>" : d.name();
                OptionalInt width = OptionalInt.empty();
                if (x.constantExpression() != null) {
                    width = bitWidth(x, d, shown);
                }
                if (d.type().resolved() instanceof CType.Function) {
                    error(p, "field '" + shown + "' declared as a function");
                } else if (d.type().resolved() instanceof CType.Void) {
                    error(p, "field '" + shown + "' has incomplete type 'void'");
                }
                if (!d.name().isEmpty() && !names.add(d.name())) {
                    error(p, "duplicate member '" + d.name() + "'");
                }
                fields.add(new Field(d.name(), d.type(), width, p));
            }
        }
        return fields;
    }

    /** A bit-field's width: the number when it is written as one, else 0 (the compiler checks it; jembed refuses bit-fields). */
    private OptionalInt bitWidth(StructDeclaratorContext x, Declared d, String shown) {
        OptionalLong literal = IntegerLiteral.parse(x.constantExpression().getText());
        return OptionalInt.of((int) literal.orElse(0));
    }

    private CType enumeration(EnumSpecifierContext c) {
        Token tagToken = c.Identifier() != null ? c.Identifier().getSymbol() : null;
        String tag = tagToken != null ? tagToken.getText() : "";
        SourcePos p = pos(tagToken != null ? tagToken : c.start);
        String key = tag.isEmpty() ? "$anon" + (++anonymous) : tag;
        if (!tag.isEmpty() && structs.containsKey(key)) {
            error(p, "'" + tag + "' defined as wrong kind of tag");
        }
        if (c.LeftBrace() == null) {
            enums.putIfAbsent(key, new EnumDecl(key, tag, List.of(), Optional.empty(), p));
            return new CType.EnumRef(tag, key);
        }
        boolean redefinition = definedEnums.contains(key);
        if (redefinition) {
            error(p, "redefinition of 'enum " + tag + "'; first defined at " + enums.get(key).pos());
        }
        List<EnumDecl.Enumerator> values = new ArrayList<>();
        for (EnumeratorContext e : c.enumerator()) {
            String name = e.Identifier().getText();
            SourcePos at = pos(e.Identifier().getSymbol());
            SourcePos first = enumeratorPositions.get(name);
            if (first != null) {
                error(at, "redeclaration of enumerator '" + name + "'; previous definition at " + first);
                continue;
            }
            enumeratorPositions.put(name, at);
            // the value is the compiler's (Probe); 0 until then
            values.add(new EnumDecl.Enumerator(name, 0, 4, at));
        }
        if (!redefinition) {
            Optional<String> typedefName = Optional.ofNullable(enums.get(key)).flatMap(EnumDecl::typedefName);
            enums.put(key, new EnumDecl(key, tag, List.copyOf(values), typedefName, p));
            definedEnums.add(key);
        }
        return new CType.EnumRef(tag, key);
    }

    // ---------------------------------------------------------------------------------------------
    // Declarators (C11 6.7.6): the type is built inside out, the pointers applying to the base type first and
    // the suffixes of a direct declarator from right to left, then the parenthesized inner declarator.

    /** A declarator's name (empty when abstract), the token that positions it, and the declared type. */
    private record Declared(String name, Token token, CType type) {}

    private Declared declarator(CType base, DeclaratorContext d) {
        Token nameToken = nameToken(d);
        String name = nameToken.getType() == CDeclLexer.Identifier ? nameToken.getText() : "";
        CType t = pointers(base, d.pointer());
        DirectDeclaratorContext direct = d.directDeclarator();
        t = suffixes(t, direct.declaratorSuffix(), name, nameToken);
        if (direct.Identifier() != null) {
            return new Declared(name, nameToken, t);
        }
        return declarator(t, direct.declarator());
    }

    private static Token nameToken(DeclaratorContext d) {
        DirectDeclaratorContext direct = d.directDeclarator();
        if (direct.Identifier() != null) {
            return direct.Identifier().getSymbol();
        }
        return nameToken(direct.declarator());
    }

    private static CType.Qualifier qualifier(TypeQualifierContext q) {
        String text = q.getText().replace("_", "");
        return text.startsWith("const") ? CType.Qualifier.CONST
                : text.startsWith("volatile") ? CType.Qualifier.VOLATILE : CType.Qualifier.RESTRICT;
    }

    private static CType pointers(CType base, List<PointerContext> pointers) {
        CType t = base;
        for (PointerContext p : pointers) {
            t = new CType.Pointer(t);
            java.util.Set<CType.Qualifier> qualifiers = java.util.EnumSet.noneOf(CType.Qualifier.class);
            for (TypeQualifierContext q : p.typeQualifier()) {
                if (q.KwAtomic() == null) {
                    qualifiers.add(qualifier(q));
                }
            }
            if (!qualifiers.isEmpty()) {
                t = new CType.Qualified(t, qualifiers);
            }
        }
        return t;
    }

    private CType abstractDeclarator(CType base, AbstractDeclaratorContext a) {
        CType t = pointers(base, a.pointer());
        if (a.directAbstractDeclarator() != null) {
            DirectAbstractDeclaratorContext d = a.directAbstractDeclarator();
            t = suffixes(t, d.declaratorSuffix(), "", d.start);
            if (d.abstractDeclarator() != null) {
                t = abstractDeclarator(t, d.abstractDeclarator());
            }
        }
        return t;
    }

    private CType typeName(TypeNameContext tn) {
        CType base = specs(tn.declarationSpecifiers()).type();
        return tn.abstractDeclarator() != null ? abstractDeclarator(base, tn.abstractDeclarator()) : base;
    }

    private CType suffixes(CType base, List<DeclaratorSuffixContext> suffixes, String name, Token nameToken) {
        CType t = base;
        String shown = name.isEmpty() ? "type name" : "'" + name + "'";
        for (int i = suffixes.size() - 1; i >= 0; i--) {
            DeclaratorSuffixContext s = suffixes.get(i);
            if (s instanceof ArraySuffixContext a) {
                if (t.resolved() instanceof CType.Function) {
                    error(pos(s.start), "declaration of " + shown + " as array of functions");
                } else if (t.resolved() instanceof CType.Void) {
                    error(pos(s.start), "declaration of " + shown + " as array of voids");
                }
                t = array(t, a);
            } else {
                if (t.resolved() instanceof CType.Function) {
                    error(pos(nameToken), shown + " declared as function returning a function");
                } else if (t.resolved() instanceof CType.Array) {
                    error(pos(nameToken), shown + " declared as function returning an array");
                }
                if (s instanceof FunctionSuffixContext f) {
                    t = parameters(t, f.parameterTypeList());
                } else {
                    warning(pos(name.isEmpty() ? s.start : nameToken), name.isEmpty()
                            ? "function declarator without a prototype; write '(void)'"
                            : "function declaration without a prototype; write '" + name + "(void)'");
                    t = new CType.Function(t, List.of(), false);
                }
            }
        }
        return t;
    }

    /** An array type; its length is kept as written, and as a number when it is an integer literal. */
    private CType array(CType element, ArraySuffixContext a) {
        if (a.constantExpression() == null) {
            return new CType.Array(element, OptionalLong.empty(), "");
        }
        String text = text(a.constantExpression());
        return new CType.Array(element, IntegerLiteral.parse(text), text);
    }

    /** The source text of a parse-tree node, with its original spacing. */
    private String text(org.antlr.v4.runtime.ParserRuleContext ctx) {
        return ctx.start.getInputStream().getText(org.antlr.v4.runtime.misc.Interval.of(ctx.start.getStartIndex(),
                ctx.stop.getStopIndex())).strip();
    }

    /** C11 6.7.6.3: a parameter type list; {@code (void)} is no parameters. */
    private CType parameters(CType returnType, ParameterTypeListContext list) {
        List<Param> params = new ArrayList<>();
        List<ParameterDeclarationContext> declarations = list.parameterDeclaration();
        for (ParameterDeclarationContext p : declarations) {
            Specs specs = specs(p.declarationSpecifiers());
            if (!specs.storage().isEmpty() && !specs.storage().equals("register") || specs.threadLocal()) {
                error(pos(p.start), "storage class specified for parameter");
            }
            if (p.declarator() != null) {
                Declared d = declarator(specs.type(), p.declarator());
                params.add(new Param(d.name(), d.type(), pos(d.token())));
            } else if (p.abstractDeclarator() != null) {
                params.add(new Param("", abstractDeclarator(specs.type(), p.abstractDeclarator()), pos(p.start)));
            } else {
                params.add(new Param("", specs.type(), pos(p.start)));
            }
        }
        boolean variadic = list.Ellipsis() != null;
        boolean onlyType = declarations.size() == 1 && declarations.get(0).declarator() == null
                && declarations.get(0).abstractDeclarator() == null;
        if (onlyType && !variadic && params.get(0).type().resolved() instanceof CType.Void) {
            return new CType.Function(returnType, List.of(), false);
        }
        for (Param p : params) {
            if (p.type().resolved() instanceof CType.Void) {
                error(p.pos(), "'void' must be the only parameter");
            }
        }
        return new CType.Function(returnType, List.copyOf(params), variadic);
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

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private boolean isTypeName(String name) {
        return typedefs.containsKey(name) || source.systemTypedefs().contains(name);
    }

    /** The original position of a token: file and line from the line markers, column in the preprocessed line. */
    private SourcePos pos(Token t) {
        if (t.getType() == Token.EOF) {
            int i = t.getTokenIndex() - 1;
            if (i < 0) {
                return new SourcePos(mainFileName, 1, 0);
            }
            Token last = tokens.get(i);
            SourcePos p = pos(last);
            return new SourcePos(p.file(), p.line(), p.column() + last.getText().length());
        }
        SourcePos line = source.origin(t.getLine());
        return new SourcePos(line.file(), line.line(), t.getCharPositionInLine() + 1);
    }

    private void error(SourcePos pos, String message) {
        diagnostics.add(Diagnostic.error(pos, message));
    }

    private void note(SourcePos pos, String message) {
        diagnostics.add(new Diagnostic(pos, Diagnostic.Severity.NOTE, message));
    }

    private void warning(SourcePos pos, String message) {
        diagnostics.add(new Diagnostic(pos, Diagnostic.Severity.WARNING, message));
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
