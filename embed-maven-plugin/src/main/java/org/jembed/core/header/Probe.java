package org.jembed.core.header;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

import org.jembed.core.ToolCall;
import org.jembed.core.model.Abi;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CSpellings;
import org.jembed.core.model.CType;
import org.jembed.core.model.ConstantDecl;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.Field;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.GlobalDecl;
import org.jembed.core.model.HostApi;
import org.jembed.core.model.HostFunction;
import org.jembed.core.model.MacroDecl;
import org.jembed.core.model.Param;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.StructDecl;
import org.jembed.core.model.TypedefDecl;

/**
 * The probe stage: asks the C compiler that builds the library everything jembed must know about the target and the
 * header, the way CFFI's {@code verify()} does, and never works it out by itself. One C file that includes the header
 * is compiled (only compiled, {@code -c}: nothing runs, so a cross compiler answers for its target), with the
 * library's own {@code -I} and {@code -D} options; each question is one initialised {@code static const} object
 * {@code jembed_q<n>} (with its {@code sizeof} in {@code jembed_n<n>} when that varies), read back by symbol from the
 * object file in whatever format the target uses, ELF, COFF or Mach-O ({@link ObjectFile}). The answers are
 * constants, never addresses, so the object needs no relocation processing; they are in the target's byte order,
 * which the object file's header gives:
 * <ul>
 *   <li>{@code sizeof} and {@code _Alignof} of every arithmetic type and of {@code void *}, and whether plain
 *       {@code char} is signed ({@code (char)-1 < (char)1}): the target's data model (LP64, LLP64, ...);</li>
 *   <li>each struct's and union's {@code sizeof}, {@code _Alignof}, and each named member's {@code offsetof} and
 *       {@code sizeof} (so {@code packed}, {@code aligned}, {@code #pragma pack} are as the compiler lays them out);</li>
 *   <li>each enum type's {@code sizeof}, {@code _Alignof} and signedness;</li>
 *   <li>each system typedef the header uses by value ({@code time_t}, {@code uint32_t}): its type class
 *       ({@code __builtin_classify_type}), {@code sizeof} and signedness ({@code (T)-1 < (T)1});</li>
 *   <li>each enumerator's and object-like macro's value, stored with its own type ({@code __typeof__((X) + 0)}),
 *       its class and signedness, and a macro's text when it is a string literal;</li>
 *   <li>each variable's {@code sizeof}.</li>
 * </ul>
 * The same compile checks the header with the compiler: its errors and warnings in the header are passed on with
 * the header's positions. A question the compiler rejects (a macro that is not a constant, a typedef of an
 * incomplete struct) is dropped and the probe compiled again without it, so a header whose every macro is a constant
 * costs exactly one compile. The probe is written for gcc; a driver that rejects gcc's diagnostic options (clang) is
 * given clang's spelling and asked again, once.
 */
public final class Probe {

    /**
     * How to compile the probe.
     *
     * @param compiler    the compiler driver, e.g. {@code gcc}
     * @param workingDir  the directory the compiler runs in (the project directory)
     * @param headerName  the header as the preprocessor named it, relative to {@code workingDir} when below it
     * @param includeDirs {@code -I} directories
     * @param options     the library's own compiler options ({@code -D}, {@code -I}, {@code -m32}, ...)
     */
    public record Request(String compiler, Path workingDir, String headerName, List<Path> includeDirs, List<String> options) {}

    /**
     * What the probe found.
     *
     * @param model    the model with its {@link Abi} complete, system typedefs resolved, and the constants and
     *                 enumerator values the compiler gave
     * @param warnings the compiler's warnings about the header, and one per macro that is not a constant
     * @param compiles how many times the probe was compiled
     * @param uncompiled the function-like macros whose wrapper the compiler rejected, with its first message: they
     *                   are no longer in the model
     */
    public record Result(ApiModel model, List<Diagnostic> warnings, int compiles, Map<String, String> uncompiled) {}

    /** An object-like macro of the main header, a candidate constant. */
    public record Macro(String name, String body, SourcePos pos) {}

    private enum Kind { U64, TYPED, STRING, CODE }

    private record Question(String key, Kind kind, String expression) {}

    /** gcc's options: diagnostics at the probe's line, not inside the header's macro; no source lines echoed. */
    private static final List<String> GCC_OPTIONS = List.of("-ftrack-macro-expansion=0", "-fno-diagnostics-show-caret");
    /** clang's: it reports a macro's errors where the macro is used already. */
    private static final List<String> CLANG_OPTIONS = List.of("-fno-caret-diagnostics");

    private static final int CLASS_INTEGER = 1, CLASS_CHAR = 2, CLASS_ENUM = 3, CLASS_BOOL = 4, CLASS_POINTER = 5,
            CLASS_REAL = 8;

    /**
     * How often the probe is compiled at most: each failed compile drops the questions the compiler rejected, and
     * gcc reports an undeclared identifier once per file, so each macro naming the same undeclared one costs a compile.
     */
    private static final int MAX_COMPILES = 12;

    private final Map<String, Question> questions = new LinkedHashMap<>();

    private Probe() {
    }

    /**
     * Compiles the probe for {@code model} and returns the model completed by the compiler's answers.
     *
     * @param model  the parsed header; its {@link Abi} holds the predefined scalar sizes
     * @param macros the main header's object-like macros, last definitions only
     * @throws DiagnosticException when the compiler rejects the header itself (its messages, positioned in the header)
     * @throws IOException         when the compiler cannot be run
     */
    public static Result run(ApiModel model, List<Macro> macros, Request request) throws DiagnosticException, IOException {
        return new Probe().ask(model, macros, request);
    }

    private void q(String key, Kind kind, String expression) {
        questions.put(key, new Question(key, kind, expression));
    }

    private Result ask(ApiModel model, List<Macro> macros, Request request) throws DiagnosticException, IOException {
        for (PrimKind k : PrimKind.values()) {
            q("ssize:" + k, Kind.U64, "sizeof(" + k.spelling() + ")");
            q("salign:" + k, Kind.U64, "_Alignof(" + k.spelling() + ")");
        }
        q("psize", Kind.U64, "sizeof(void *)");
        q("palign", Kind.U64, "_Alignof(void *)");
        q("charsigned", Kind.U64, isSigned("char"));
        Map<String, String> spelled = CSpellings.structs(model);
        for (StructDecl s : model.structs()) {
            String t = spelled.get(s.key());
            if (t == null || !s.complete()) {
                continue;
            }
            q("size:" + s.key(), Kind.U64, "sizeof(" + t + ")");
            q("align:" + s.key(), Kind.U64, "_Alignof(" + t + ")");
            for (Field f : org.jembed.core.model.Layout.named(s, model)) {
                if (f.bitWidth().isEmpty()) {
                    q("off:" + s.key() + "." + f.name(), Kind.U64, "__builtin_offsetof(" + t + ", " + f.name() + ")");
                    q("fsize:" + s.key() + "." + f.name(), Kind.U64, "sizeof(((" + t + " *)0)->" + f.name() + ")");
                }
            }
        }
        for (var e : CSpellings.enums(model, spelled).entrySet()) {
            String t = e.getValue();
            q("esize:" + e.getKey(), Kind.U64, "sizeof(" + t + ")");
            q("ealign:" + e.getKey(), Kind.U64, "_Alignof(" + t + ")");
            q("esigned:" + e.getKey(), Kind.U64, isSigned(t));
        }
        Set<String> opaque = new TreeSet<>();
        forEachType(model, t -> collectByValue(t, opaque));
        for (String t : opaque) {
            q("tclass:" + t, Kind.U64, "__builtin_classify_type(*(" + t + " *)0)");
            q("tsize:" + t, Kind.U64, "sizeof(" + t + ")");
            q("tsigned:" + t, Kind.U64, isSigned(t));
        }
        for (GlobalDecl g : model.globals()) {
            q("gsize:" + g.name(), Kind.U64, "sizeof(" + g.name() + ")");
        }
        for (GlobalDecl g : model.host().variables()) {
            q("gsize:" + g.name(), Kind.U64, "sizeof(" + g.name() + ")");
        }
        for (HostFunction f : model.host().functions()) {
            if (f.kind() == HostFunction.Kind.MACRO) {
                String x = macroCall(f);
                // the wrapper as the glue will define it (static here), then what its result is
                q("mwrap:" + f.name(), Kind.CODE, "static __typeof__(" + x + ") __attribute__((unused)) jembed_w_"
                        + f.name() + "(" + macroParams(f) + ") { return " + f.name() + "(" + macroArgs(f) + "); }");
                // a void result cannot be classified: the other questions ask about 0 instead
                String isVoid = "__builtin_types_compatible_p(__typeof__(" + x + "), void)";
                String value = "__builtin_choose_expr(" + isVoid + ", 0, " + x + ")";
                q("mvoid:" + f.name(), Kind.U64, isVoid);
                q("mclass:" + f.name(), Kind.U64, "__builtin_classify_type(" + value + ")");
                q("msize:" + f.name(), Kind.U64, "sizeof(" + value + ")");
                q("msigned:" + f.name(), Kind.U64, isSigned("__typeof__(" + value + ")"));
            }
        }
        for (EnumDecl e : model.enums()) {
            for (EnumDecl.Enumerator en : e.values()) {
                constantQuestions(en.name(), false);
            }
        }
        for (Macro m : macros) {
            constantQuestions(m.name(), true);
        }
        for (MacroDecl m : model.host().macros()) {
            if (!m.functionLike()) {
                constantQuestions(m.name(), true);
            }
        }

        Map<String, byte[]> answers = null;
        Map<String, String> rejected = new HashMap<>();
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        List<Diagnostic> warnings = new ArrayList<>();
        List<String> dialect = GCC_OPTIONS;
        int compiles = 0;
        Path dir = Files.createTempDirectory("jembed-probe");
        try {
            while (answers == null) {
                compiles++;
                List<String> lines = new ArrayList<>();
                Map<Integer, String> lineToKey = new HashMap<>();
                String source = source(request.headerName(), lines, lineToKey);
                Path object = dir.resolve("probe.o");
                Files.deleteIfExists(object);
                List<String> command = new ArrayList<>(List.of(request.compiler(), "-std=gnu11", "-c"));
                command.addAll(dialect);
                command.addAll(List.of("-o", object.toString()));
                for (Path d : request.includeDirs()) {
                    command.add("-I" + d);
                }
                command.addAll(request.options());
                Path input = dir.resolve("jembed-probe.c");
                Files.writeString(input, source);
                command.addAll(List.of("-iquote", ".", "-x", "c", "-"));
                ToolCall call = runWithInput(command, request.workingDir(), input);
                if (!call.succeeded() && dialect == GCC_OPTIONS && rejectsGccOptions(call.stderr())) {
                    dialect = CLANG_OPTIONS;
                    continue;
                }
                Set<String> failed = new LinkedHashSet<>();
                List<Diagnostic> headerErrors = new ArrayList<>();
                warnings.clear();
                for (String line : call.stderr().split("\r?\n")) {
                    Matcher m = Preprocessor.GCC_DIAGNOSTIC.matcher(line);
                    if (!m.matches()) {
                        continue;
                    }
                    boolean warning = m.group(4).equals("warning");
                    if (m.group(1).equals("<stdin>")) {
                        String key = lineToKey.get(Integer.parseInt(m.group(2)));
                        // a macro's wrapper is compiled with -Werror in the glue: a warning rejects it too
                        if ((!warning || key != null && key.startsWith("mwrap:")) && key != null) {
                            failed.add(key);
                            rejected.putIfAbsent(key, m.group(5));
                        }
                        continue;
                    }
                    SourcePos pos = new SourcePos(m.group(1), Integer.parseInt(m.group(2)),
                            m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
                    if (warning) {
                        // the API header's own warnings; those of the host's headers are the host's business
                        if (pos.file().equals(request.headerName())) {
                            warnings.add(new Diagnostic(pos, Diagnostic.Severity.WARNING, m.group(5)));
                        }
                    } else {
                        headerErrors.add(Diagnostic.error(pos, m.group(5)));
                    }
                }
                if (!headerErrors.isEmpty()) {
                    headerErrors.addAll(warnings);
                    throw new DiagnosticException(headerErrors);
                }
                if (call.succeeded()) {
                    ObjectFile file;
                    try {
                        file = ObjectFile.read(object);
                    } catch (IOException e) {
                        throw new IOException(request.compiler() + " wrote an object file jembed cannot read: "
                                + e.getMessage(), e);
                    }
                    answers = answers(file, request.compiler());
                    order = file.byteOrder();
                } else if (failed.isEmpty() || compiles >= MAX_COMPILES) {
                    String out = call.stderr().strip();
                    throw new DiagnosticException(List.of(Diagnostic.error(new SourcePos(request.headerName(), 1, 0),
                            "the compiler rejected jembed's probe of this header (" + call.summary() + ")"
                            + (out.isEmpty() ? "" : ": " + out))));
                } else {
                    failed.forEach(questions::remove);
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        Map<String, String> uncompiled = new LinkedHashMap<>();
        Answers a = new Answers(answers, order);
        for (HostFunction f : model.host().functions()) {
            if (f.kind() == HostFunction.Kind.MACRO && !answers.containsKey("mwrap:" + f.name())) {
                uncompiled.put(f.name(), rejected.getOrDefault("mwrap:" + f.name(), "the compiler rejected its wrapper"));
            } else if (f.kind() == HostFunction.Kind.MACRO && macroResult(f, a, model.abi()).isEmpty()) {
                uncompiled.put(f.name(), "its value is a struct, union or array, which a downcall cannot return");
            }
        }
        return new Result(complete(model, macros, answers, order, warnings), List.copyOf(warnings), compiles,
                Map.copyOf(uncompiled));
    }

    /** True when the driver is not gcc: it rejected gcc's diagnostic options (clang: "unknown argument"). */
    private static boolean rejectsGccOptions(String stderr) {
        return GCC_OPTIONS.stream().anyMatch(o -> stderr.lines().anyMatch(l -> l.contains(o)
                && (l.contains("unknown argument") || l.contains("unrecognized") || l.contains("unknown option"))));
    }

    /** Each question's answer, by key: the bytes of {@code jembed_q<n>}, their length 8 or {@code jembed_n<n>}. */
    private Map<String, byte[]> answers(ObjectFile file, String compiler) throws IOException {
        Map<String, byte[]> byKey = new HashMap<>();
        int n = 0;
        for (Question q : questions.values()) {
            Optional<byte[]> answer;
            if (q.kind() == Kind.U64 || q.kind() == Kind.CODE) {
                answer = file.symbol("jembed_q" + n, 8);
            } else {
                Optional<byte[]> size = file.symbol("jembed_n" + n, 8);
                int length = size.map(b -> (int) ByteBuffer.wrap(b).order(file.byteOrder()).getLong()).orElse(-1);
                answer = length < 0 ? Optional.empty() : file.symbol("jembed_q" + n, length);
            }
            answer.ifPresent(b -> byKey.put(q.key(), b));
            n++;
        }
        if (byKey.isEmpty() && !questions.isEmpty()) {
            throw new IOException(compiler + " wrote an object file (" + file.format() + ") without the probe's answers"
                    + " (symbols jembed_q0, ...); remove options such as -flto from the library's compiler options");
        }
        return byKey;
    }

    private void constantQuestions(String name, boolean macro) {
        String x = "(" + name + ")";
        q("class:" + name, Kind.U64, "__builtin_classify_type(" + x + ")");
        q("value:" + name, Kind.TYPED, x);
        q("signed:" + name, Kind.U64, isSigned("__typeof__(" + x + " + 0)"));
        if (macro) {
            q("string:" + name, Kind.STRING, name);
        }
    }

    /**
     * 1 when type {@code t} is signed: {@code (T)-1 < (T)1}, not {@code < 0}, which gcc's {@code -Wextra}
     * ({@code -Wtype-limits}) flags for every unsigned type, so that a library built with {@code -Werror} loses no answer.
     */
    private static String isSigned(String t) {
        return "(" + t + ")-1 < (" + t + ")1";
    }

    private String source(String headerName, List<String> lines, Map<Integer, String> lineToKey) {
        lines.add("/* generated by jembed: what the compiler says about " + headerName + " */");
        lines.add("#include \"" + headerName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        // as in the glue: what the host marks deprecated may be named, wrapped and taken the address of
        lines.add("#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"");
        int n = 0;
        for (Question q : questions.values()) {
            // one line per question, so that an error on it names the question; no address is ever stored (a string
            // macro's TYPED question stores 0), so the object has no relocations for the answers; an integer macro's
            // STRING question stores "", so that it does not cost a second compile
            String used = "__attribute__((used))";
            String size = " static const unsigned long long jembed_n" + n + " " + used + " = sizeof(jembed_q" + n + ");";
            String x = q.expression();
            String text = switch (q.kind()) {
                case U64 -> "static const unsigned long long jembed_q" + n + " " + used + " = (unsigned long long)(" + x
                        + ");";
                case TYPED -> {
                    String value = "__builtin_choose_expr(__builtin_classify_type(" + x + ") == " + CLASS_POINTER
                            + ", 0, " + x + " + 0)";
                    yield "static const __typeof__(" + value + ") jembed_q" + n + " " + used + " = " + value + ";" + size;
                }
                case CODE -> x + " static const unsigned long long jembed_q" + n + " " + used + " = 1;";
                case STRING -> "static const char jembed_q" + n + "[] " + used + " = __builtin_choose_expr("
                        + "__builtin_classify_type(" + x + ") == " + CLASS_POINTER + ", " + x + ", \"\");" + size;
            };
            lines.add(text);
            lineToKey.put(lines.size(), q.key());
            n++;
        }
        return String.join("\n", lines) + "\n";
    }

    private static ToolCall runWithInput(List<String> command, Path workingDir, Path input) throws IOException {
        // the probe is read from standard input so that gcc names the header exactly as the preprocessor did
        List<String> shell = List.of("sh", "-c", "exec \"$@\" < \"$0\"", input.toString());
        List<String> all = new ArrayList<>(shell);
        all.addAll(command);
        ToolCall call = ToolCall.run(all, workingDir);
        return new ToolCall(command, call.directory(), call.exitCode(), call.stdout(), call.stderr(), call.duration());
    }

    // ---------------------------------------------------------------------------------------------
    // Reading the answers back

    private ApiModel complete(ApiModel model, List<Macro> macros, Map<String, byte[]> byKey, ByteOrder order,
                              List<Diagnostic> warnings) {
        Answers a = new Answers(byKey, order);

        Map<String, Abi.StructLayout> layouts = new HashMap<>();
        for (StructDecl s : model.structs()) {
            Optional<Long> size = a.u64("size:" + s.key());
            Optional<Long> align = a.u64("align:" + s.key());
            if (size.isEmpty() || align.isEmpty()) {
                continue;
            }
            Map<String, Long> offsets = new HashMap<>();
            Map<String, Long> sizes = new HashMap<>();
            for (Field f : org.jembed.core.model.Layout.named(s, model)) {
                a.u64("off:" + s.key() + "." + f.name()).ifPresent(v -> offsets.put(f.name(), v));
                a.u64("fsize:" + s.key() + "." + f.name()).ifPresent(v -> sizes.put(f.name(), v));
            }
            layouts.put(s.key(), new Abi.StructLayout(size.get(), align.get(), Map.copyOf(offsets), Map.copyOf(sizes)));
        }
        Map<String, Long> globals = new HashMap<>();
        for (GlobalDecl g : model.globals()) {
            a.u64("gsize:" + g.name()).ifPresent(v -> globals.put(g.name(), v));
        }
        for (GlobalDecl g : model.host().variables()) {
            a.u64("gsize:" + g.name()).ifPresent(v -> globals.putIfAbsent(g.name(), v));
        }
        Map<String, Abi.EnumLayout> enumLayouts = new HashMap<>();
        for (EnumDecl e : model.enums()) {
            Optional<Long> size = a.u64("esize:" + e.key());
            Optional<Long> align = a.u64("ealign:" + e.key());
            if (size.isPresent() && align.isPresent()) {
                enumLayouts.put(e.key(), new Abi.EnumLayout((int) (long) size.get(), (int) (long) align.get(),
                        a.u64("esigned:" + e.key()).orElse(1L) != 0));
            }
        }
        Abi abi = targetAbi(model.abi(), a, order, layouts, enumLayouts, globals);

        Map<String, CType> resolvedTypedefs = new HashMap<>();
        for (String key : byKey.keySet()) {
            if (key.startsWith("tclass:")) {
                String t = key.substring("tclass:".length());
                resolveTypedef(t, a, abi).ifPresent(r -> resolvedTypedefs.put(t, r));
            }
        }

        List<EnumDecl> enums = new ArrayList<>();
        for (EnumDecl e : model.enums()) {
            List<EnumDecl.Enumerator> values = new ArrayList<>();
            for (EnumDecl.Enumerator en : e.values()) {
                Optional<ConstantDecl.Value> v = a.constant(en.name());
                if (v.isPresent() && v.get() instanceof ConstantDecl.IntValue iv) {
                    values.add(new EnumDecl.Enumerator(en.name(), iv.bits(), iv.size(), en.pos()));
                } else {
                    values.add(en);
                }
            }
            enums.add(new EnumDecl(e.key(), e.tag(), List.copyOf(values), e.typedefName(), e.pos()));
        }
        List<ConstantDecl> constants = new ArrayList<>();
        for (Macro m : macros) {
            Optional<ConstantDecl.Value> v = a.constant(m.name());
            if (v.isPresent()) {
                constants.add(new ConstantDecl(m.name(), v.get(), m.pos()));
            } else if (looksLikeValue(m.body())) {
                warnings.add(new Diagnostic(m.pos(), Diagnostic.Severity.WARNING, "macro '" + m.name()
                        + "' is not a constant jembed can carry (an integer, floating or string constant expression);"
                        + " it gets no Java constant"));
            }
        }
        for (MacroDecl m : model.host().macros()) {
            if (!m.functionLike()) {
                a.constant(m.name()).ifPresent(v -> constants.add(new ConstantDecl(m.name(), v, m.pos())));
            }
        }
        TypeRewriter rw = new TypeRewriter(resolvedTypedefs);
        List<HostFunction> hostFunctions = new ArrayList<>();
        for (HostFunction f : model.host().functions()) {
            if (f.kind() != HostFunction.Kind.MACRO) {
                hostFunctions.add(f.withType((CType.Function) rw.type(f.type())));
            } else if (byKey.containsKey("mwrap:" + f.name())) {
                macroResult(f, a, abi).ifPresent(r -> hostFunctions.add(f.withType((CType.Function) rw.type(
                        new CType.Function(r, f.type().params(), false)))));
            }
        }
        HostApi host = new HostApi(hostFunctions, model.host().variables().stream()
                .map(g -> new GlobalDecl(g.name(), rw.type(g.type()), g.pos())).toList(),
                model.host().macros(), model.host().skipped());
        return new ApiModel(model.headerName(),
                model.functions().stream().map(rw::function).toList(),
                model.structs().stream().map(s -> new StructDecl(s.key(), s.tag(), s.union(),
                        s.fields().stream().map(f -> new Field(f.name(), rw.type(f.type()), f.bitWidth(), f.pos())).toList(),
                        s.complete(), s.typedefName(), s.pos())).toList(),
                List.copyOf(enums),
                model.typedefs().stream().map(t -> new TypedefDecl(t.name(), rw.type(t.target()), t.pos())).toList(),
                model.globals().stream().map(g -> new GlobalDecl(g.name(), rw.type(g.type()), g.pos())).toList(),
                List.copyOf(constants),
                model.inlines(), abi, host);
    }

    /**
     * {@code M(*(T0 *)0, *(T1 *)0, ...)}: the macro applied to values of its parameters' types, for {@code __typeof__}
     * (never evaluated); not null pointer constants, which gcc's {@code -Wnonnull} would flag in a {@code nonnull}
     * parameter even there.
     */
    private static String macroCall(HostFunction f) {
        List<String> args = new ArrayList<>();
        for (Param p : f.type().params()) {
            args.add("*(" + new CType.Pointer(p.type()).cName() + ")0");
        }
        return f.name() + "(" + String.join(", ", args) + ")";
    }

    private static String macroParams(HostFunction f) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < f.type().params().size(); i++) {
            out.add(f.type().params().get(i).type().declare("jembed_a" + i).strip());
        }
        return out.isEmpty() ? "void" : String.join(", ", out);
    }

    private static String macroArgs(HostFunction f) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < f.type().params().size(); i++) {
            out.add("jembed_a" + i);
        }
        return String.join(", ", out);
    }

    /**
     * A macro's result type: {@code void}, or {@code __typeof__} of its expansion looked through to the scalar or
     * pointer the compiler classified it as; empty for a struct, union or anything else Java does not carry.
     */
    private static Optional<CType> macroResult(HostFunction f, Answers a, Abi abi) {
        Optional<Long> isVoid = a.u64("mvoid:" + f.name());
        if (isVoid.isEmpty()) {
            return Optional.empty();
        }
        if (isVoid.get() != 0) {
            return Optional.of(new CType.Void());
        }
        Optional<Long> cls = a.u64("mclass:" + f.name());
        if (cls.isEmpty()) {
            return Optional.empty();
        }
        int c = (int) (long) cls.get();
        long size = a.u64("msize:" + f.name()).orElse(0L);
        boolean signed = a.u64("msigned:" + f.name()).orElse(1L) != 0;
        String spelled = "__typeof__(" + macroCall(f) + ")";
        Optional<CType> resolved;
        if (c == CLASS_BOOL) {
            resolved = Optional.of(new CType.Prim(PrimKind.BOOL));
        } else if (c == CLASS_INTEGER || c == CLASS_CHAR || c == CLASS_ENUM) {
            resolved = PrimKind.integer(size, signed, abi).map(CType.Prim::new);
        } else if (c == CLASS_REAL) {
            resolved = PrimKind.floating(size, abi).map(CType.Prim::new);
        } else if (c == CLASS_POINTER) {
            resolved = Optional.of(new CType.Pointer(new CType.Void()));
        } else {
            resolved = Optional.empty();
        }
        return resolved.map(r -> new CType.Named(spelled, r));
    }

    /** The probe's answers about the target; a fact it could not ask keeps the parse stage's value. */
    private static Abi targetAbi(Abi parsed, Answers a, ByteOrder order, Map<String, Abi.StructLayout> structs,
                                 Map<String, Abi.EnumLayout> enums, Map<String, Long> globals) {
        Map<PrimKind, Integer> sizes = new EnumMap<>(PrimKind.class);
        Map<PrimKind, Integer> aligns = new EnumMap<>(PrimKind.class);
        sizes.putAll(parsed.scalarSizes());
        aligns.putAll(parsed.scalarAligns());
        for (PrimKind k : PrimKind.values()) {
            a.u64("ssize:" + k).ifPresent(v -> sizes.put(k, (int) (long) v));
            a.u64("salign:" + k).ifPresent(v -> aligns.put(k, (int) (long) v));
        }
        int pointerSize = a.u64("psize").map(v -> (int) (long) v).orElse(parsed.pointerSize());
        int pointerAlign = a.u64("palign").map(v -> (int) (long) v).orElse(parsed.pointerAlign());
        boolean charUnsigned = a.u64("charsigned").map(v -> v == 0).orElse(parsed.charUnsigned());
        return new Abi(Map.copyOf(sizes), Map.copyOf(aligns), pointerSize, pointerAlign, charUnsigned,
                order == ByteOrder.BIG_ENDIAN, Map.copyOf(structs), Map.copyOf(enums), Map.copyOf(globals));
    }

    /** A body made only of words ({@code extern}, {@code static inline}) or attributes is a decoration, not a value. */
    static boolean looksLikeValue(String body) {
        String b = body.strip();
        if (b.startsWith("__attribute__") || b.startsWith("__declspec") || b.startsWith("_Pragma")) {
            return false;
        }
        return !b.matches("[A-Za-z_][A-Za-z_0-9]*(\\s+[A-Za-z_][A-Za-z_0-9]*)*");
    }

    private static Optional<CType> resolveTypedef(String name, Answers a, Abi abi) {
        Optional<Long> cls = a.u64("tclass:" + name);
        Optional<Long> size = a.u64("tsize:" + name);
        if (cls.isEmpty() || size.isEmpty()) {
            return Optional.empty();
        }
        boolean signed = a.u64("tsigned:" + name).orElse(0L) != 0;
        int c = (int) (long) cls.get();
        if (c == CLASS_BOOL) {
            return Optional.of(new CType.Prim(PrimKind.BOOL));
        } else if (c == CLASS_INTEGER || c == CLASS_CHAR || c == CLASS_ENUM) {
            return PrimKind.integer(size.get(), signed, abi).map(CType.Prim::new);
        } else if (c == CLASS_REAL) {
            return PrimKind.floating(size.get(), abi).map(CType.Prim::new);
        } else if (c == CLASS_POINTER) {
            return Optional.of(new CType.Pointer(new CType.Void()));
        }
        return Optional.empty();
    }

    /** The answers, by question key. */
    private record Answers(Map<String, byte[]> byKey, ByteOrder order) {
        Optional<Long> u64(String key) {
            byte[] b = byKey.get(key);
            if (b == null || b.length != 8) {
                return Optional.empty();
            }
            return Optional.of(ByteBuffer.wrap(b).order(order).getLong());
        }

        Optional<ConstantDecl.Value> constant(String name) {
            Optional<Long> cls = u64("class:" + name);
            byte[] value = byKey.get("value:" + name);
            if (cls.isEmpty()) {
                return Optional.empty();
            }
            int c = (int) (long) cls.get();
            if (c == CLASS_POINTER) {
                byte[] s = byKey.get("string:" + name);
                if (s == null || s.length == 0) {
                    return Optional.empty();
                }
                return Optional.of(new ConstantDecl.StringValue(new String(s, 0, s.length - 1, StandardCharsets.UTF_8)));
            }
            if (value == null) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(value).order(order);
            if (c == CLASS_REAL) {
                return switch (value.length) {
                    case 4 -> Optional.of(new ConstantDecl.FloatValue(b.getFloat()));
                    case 8 -> Optional.of(new ConstantDecl.FloatValue(b.getDouble()));
                    default -> Optional.empty();
                };
            }
            if (c != CLASS_INTEGER && c != CLASS_CHAR && c != CLASS_ENUM && c != CLASS_BOOL) {
                return Optional.empty();
            }
            boolean signed = u64("signed:" + name).orElse(0L) != 0;
            long bits = switch (value.length) {
                case 1 -> signed ? b.get() : Byte.toUnsignedLong(b.get());
                case 2 -> signed ? b.getShort() : Short.toUnsignedLong(b.getShort());
                case 4 -> signed ? b.getInt() : Integer.toUnsignedLong(b.getInt());
                case 8 -> b.getLong();
                default -> Long.MIN_VALUE;
            };
            if (value.length != 1 && value.length != 2 && value.length != 4 && value.length != 8) {
                return Optional.empty();
            }
            return Optional.of(new ConstantDecl.IntValue(bits, value.length, signed));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Which types to ask about

    private static void forEachType(ApiModel model, java.util.function.Consumer<CType> each) {
        for (FunctionDecl f : model.functions()) {
            each.accept(f.returnType());
            f.params().forEach(p -> each.accept(p.type()));
        }
        model.structs().forEach(s -> s.fields().forEach(f -> each.accept(f.type())));
        model.typedefs().forEach(t -> each.accept(t.target()));
        model.globals().forEach(g -> each.accept(g.type()));
        for (HostFunction f : model.host().functions()) {
            if (f.kind() != HostFunction.Kind.MACRO) {
                each.accept(f.type());
            } else {
                f.type().params().forEach(p -> each.accept(p.type()));
            }
        }
        model.host().variables().forEach(g -> each.accept(g.type()));
    }

    /** System typedef names {@code t} uses by value (through arrays, qualifiers, and into function types, not into data pointers). */
    private static void collectByValue(CType t, Set<String> out) {
        if (t instanceof CType.Named n) {
            if (n.target() instanceof CType.Opaque o) {
                out.add(o.name());
            } else {
                collectByValue(n.target(), out);
            }
        } else if (t instanceof CType.Qualified q) {
            collectByValue(q.inner(), out);
        } else if (t instanceof CType.Array a) {
            collectByValue(a.element(), out);
        } else if (t instanceof CType.Pointer p) {
            CType inner = p.pointee();
            while (inner instanceof CType.Qualified q) {
                inner = q.inner();
            }
            if (inner instanceof CType.Function || inner instanceof CType.Named n && n.resolved() instanceof CType.Function) {
                collectByValue(inner, out);
            }
        } else if (t instanceof CType.Function f) {
            collectByValue(f.returnType(), out);
            f.params().forEach(p -> collectByValue(p.type(), out));
        }
    }

    /** Replaces the targets of resolved system typedef names throughout a type. */
    private record TypeRewriter(Map<String, CType> resolved) {
        CType type(CType t) {
            if (resolved.isEmpty()) {
                return t;
            }
            if (t instanceof CType.Named n) {
                if (n.target() instanceof CType.Opaque o && resolved.containsKey(o.name())) {
                    return new CType.Named(n.name(), resolved.get(o.name()));
                }
                return new CType.Named(n.name(), type(n.target()));
            } else if (t instanceof CType.Qualified q) {
                return new CType.Qualified(type(q.inner()), q.qualifiers());
            } else if (t instanceof CType.Array a) {
                return new CType.Array(type(a.element()), a.length(), a.lengthText());
            } else if (t instanceof CType.Pointer p) {
                return new CType.Pointer(type(p.pointee()));
            } else if (t instanceof CType.Function f) {
                return new CType.Function(type(f.returnType()), f.params().stream().map(this::param).toList(), f.variadic());
            }
            return t;
        }

        Param param(Param p) {
            return new Param(p.name(), type(p.type()), p.pos());
        }

        FunctionDecl function(FunctionDecl f) {
            return new FunctionDecl(f.name(), type(f.returnType()), f.params().stream().map(this::param).toList(),
                    f.variadic(), f.pos());
        }
    }
}
