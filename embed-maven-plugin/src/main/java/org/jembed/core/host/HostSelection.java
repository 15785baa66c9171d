package org.jembed.core.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.GlobalDecl;
import org.jembed.core.model.HostApi;
import org.jembed.core.model.HostFunction;
import org.jembed.core.model.MacroDecl;
import org.jembed.core.model.Param;
import org.jembed.core.model.Skipped;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.StructDecl;
import org.jembed.core.model.TypedefDecl;

/**
 * The selection stage, between parsing and probing: of everything the included headers declare, keeps what the
 * project asked for ({@link HostRequest}) and what the API reaches, so that only that is probed, checked and
 * generated. A real host's headers declare thousands of types, functions and macros (PostgreSQL's {@code postgres.h}
 * and {@code fmgr.h} with the C library's); a plugin uses a few.
 *
 * <p>What the API reaches: the types of the exported functions' parameters and results, of the API's variables, of
 * the main header's structs' members and typedefs, and of the selected host functions and variables; through
 * typedefs, qualifiers, arrays, members held by value, function types, and one level of data pointer (a
 * {@code struct passwd *} parameter gets a view of {@code struct passwd}); a kept struct's pointer members reach the
 * structs the same header declares ({@code LADSPA_Descriptor}'s {@code PortRangeHints}), not further. Every
 * declaration of the main header is kept.
 *
 * <p>Errors: a request entry without a wildcard that names nothing the headers declare (or something jembed could not
 * read, with the reason), positioned at the entry in the pom when it is written there.
 */
public final class HostSelection {

    /**
     * The selected model.
     *
     * @param model  the model with only the kept declarations; its {@link HostApi} holds the selected host functions
     *               (macros not yet typed: {@link HostApi#macros()} holds the selected function-like and object-like
     *               macros) and variables
     * @param notes  notes about what was asked for but is not carried (a pattern matching functions jembed skips),
     *               and the errors for request entries that name nothing carried (the caller adds those of the
     *               later stages before it stops)
     */
    public record Result(ApiModel model, List<Diagnostic> notes) {}

    private final ApiModel parsed;
    private final Set<String> ownFiles;
    private final Map<String, StructDecl> structs = new LinkedHashMap<>();
    private final Map<String, EnumDecl> enums = new LinkedHashMap<>();
    private final Map<String, TypedefDecl> typedefs = new LinkedHashMap<>();
    private final Set<String> keptStructs = new LinkedHashSet<>();
    private final Set<String> keptEnums = new LinkedHashSet<>();
    private final Set<String> keptTypedefs = new LinkedHashSet<>();
    private final Deque<Item> work = new ArrayDeque<>();

    private HostSelection(ApiModel parsed, Set<String> ownFiles) {
        this.parsed = parsed;
        this.ownFiles = ownFiles;
        parsed.structs().forEach(s -> structs.put(s.key(), s));
        parsed.enums().forEach(e -> enums.put(e.key(), e));
        parsed.typedefs().forEach(t -> typedefs.put(t.name(), t));
    }

    /**
     * Selects from {@code parsed}.
     *
     * @param parsed   the parse stage's model: every declaration of every header
     * @param request  what the pom asks for
     * @param ownFiles files whose declarations are not the host's (for an internal header, the API header it
     *                 includes); the main header always is one
     */
    public static Result select(ApiModel parsed, HostRequest request, Set<String> ownFiles) {
        Set<String> own = new LinkedHashSet<>(ownFiles);
        own.add(parsed.headerName());
        return new HostSelection(parsed, own).run(request);
    }

    private boolean own(SourcePos pos) {
        return ownFiles.contains(pos.file());
    }

    private Result run(HostRequest request) {
        List<Diagnostic> errors = new ArrayList<>();
        List<Diagnostic> notes = new ArrayList<>();
        HostApi host = parsed.host();

        // the main header: everything it declares is kept
        for (StructDecl s : parsed.structs()) {
            if (own(s.pos())) {
                keepStruct(s.key());
            }
        }
        for (EnumDecl e : parsed.enums()) {
            if (own(e.pos())) {
                keptEnums.add(e.key());
            }
        }
        for (TypedefDecl t : parsed.typedefs()) {
            if (own(t.pos())) {
                keepTypedef(t.name());
            }
        }
        for (FunctionDecl f : parsed.functions()) {
            reach(f.returnType(), true);
            f.params().forEach(p -> reach(p.type(), true));
        }
        for (FunctionDecl f : parsed.inlines()) {
            reach(f.returnType(), true);
            f.params().forEach(p -> reach(p.type(), true));
        }
        parsed.globals().forEach(g -> reach(g.type(), true));

        // functions
        Patterns functions = new Patterns(request.functions());
        Patterns protectedFunctions = new Patterns(request.protectedFunctions());
        Patterns raisingFunctions = new Patterns(request.raisingFunctions());
        java.util.function.Predicate<String> wanted = name -> functions.matches(name) | protectedFunctions.matches(name)
                | raisingFunctions.matches(name);
        Map<String, HostFunction> selectedFunctions = new LinkedHashMap<>();
        Set<String> declaredFunctions = new LinkedHashSet<>();
        Map<String, MacroDecl> objectMacros = new LinkedHashMap<>();
        host.macros().stream().filter(m -> !m.functionLike()).forEach(m -> objectMacros.put(m.name(), m));
        Set<String> exported = new LinkedHashSet<>();
        parsed.functions().forEach(f -> exported.add(f.name()));
        for (HostFunction f : host.functions()) {
            // a host header may declare the plugin's own entry point (lv2.h: lv2_descriptor): it is the API's
            if (own(f.pos()) || exported.contains(f.name()) || !wanted.test(f.name())) {
                continue;
            }
            declaredFunctions.add(f.name());
            MacroDecl hiding = objectMacros.get(f.name());
            if (hiding != null) {
                functions.skip(f.name(), f.pos(), "a macro of the same name hides it (" + hiding.pos() + ": #define "
                        + f.name() + " " + hiding.body() + ")");
                continue;
            }
            Optional<String> why = notCarried(f.type());
            if (why.isPresent()) {
                functions.skip(f.name(), f.pos(), why.get());
                continue;
            }
            selectedFunctions.put(f.name(), f);
            reach(f.type(), true);
        }
        List<MacroDecl> selectedMacros = new ArrayList<>();
        for (MacroDecl m : host.macros()) {
            if (!m.functionLike() || own(m.pos()) || declaredFunctions.contains(m.name()) || !wanted.test(m.name())) {
                continue;
            }
            if (m.params().get().contains("...") || m.params().get().stream().anyMatch(p -> p.endsWith("..."))) {
                functions.skip(m.name(), m.pos(), "a variadic macro cannot be called as a function");
                continue;
            }
            selectedMacros.add(m);
        }
        errors.addAll(functions.unmatched("hostFunction", "function or function-like macro", request.pom(), host));
        errors.addAll(protectedFunctions.unmatched("protectedFunction", "function or function-like macro", request.pom(), host));
        errors.addAll(raisingFunctions.unmatched("raisingFunction", "function or function-like macro", request.pom(), host));

        // variables
        Patterns variables = new Patterns(request.variables());
        List<GlobalDecl> selectedVariables = new ArrayList<>();
        for (GlobalDecl g : host.variables()) {
            if (!own(g.pos()) && variables.matches(g.name())) {
                selectedVariables.add(g);
                reach(g.type(), true);
            }
        }
        errors.addAll(variables.unmatched("hostVariable", "variable", request.pom(), host));

        // constants: object-like macros, and the enums of matching enumerators
        Patterns constants = new Patterns(request.constants());
        for (MacroDecl m : host.macros()) {
            if (!m.functionLike() && !own(m.pos()) && constants.matches(m.name())) {
                selectedMacros.add(m);
            }
        }
        for (EnumDecl e : parsed.enums()) {
            for (EnumDecl.Enumerator en : e.values()) {
                if (!own(e.pos()) && constants.matches(en.name())) {
                    keptEnums.add(e.key());
                }
            }
        }
        errors.addAll(constants.unmatched("hostConstant", "macro or enumerator", request.pom(), host));

        // types: by typedef name or tag
        Patterns types = new Patterns(request.types());
        for (TypedefDecl t : parsed.typedefs()) {
            if (!own(t.pos()) && types.matches(t.name())) {
                keepTypedef(t.name());
            }
        }
        for (StructDecl s : parsed.structs()) {
            if (!own(s.pos()) && !s.tag().isEmpty() && types.matches(s.tag())) {
                keepStruct(s.key());
            }
        }
        for (EnumDecl e : parsed.enums()) {
            if (!own(e.pos()) && !e.tag().isEmpty() && types.matches(e.tag())) {
                keptEnums.add(e.key());
            }
        }
        errors.addAll(types.unmatched("hostType", "struct, union, enum or typedef", request.pom(), host));

        drain();
        notes.addAll(functions.notes("hostFunctions"));
        notes.addAll(errors);
        HostApi selected = new HostApi(List.copyOf(selectedFunctions.values()), selectedVariables, selectedMacros,
                host.skipped());
        ApiModel model = new ApiModel(parsed.headerName(), parsed.functions(),
                parsed.structs().stream().filter(s -> keptStructs.contains(s.key())).toList(),
                parsed.enums().stream().filter(e -> keptEnums.contains(e.key())).toList(),
                parsed.typedefs().stream().filter(t -> keptTypedefs.contains(t.name())).toList(),
                parsed.globals(), parsed.constants(), parsed.inlines(), parsed.abi(), selected);
        return new Result(model, List.copyOf(notes));
    }

    /**
     * Why a host function cannot be called from Java, if it cannot: an unsupported type passed by value, or a type C
     * cannot spell (an anonymous struct declared in the prototype), which neither a wrapper nor a view can name.
     */
    private static Optional<String> notCarried(CType.Function f) {
        List<CType> types = new ArrayList<>();
        types.add(f.returnType());
        f.params().forEach(p -> types.add(p.type()));
        for (CType t : types) {
            try {
                t.declare("x");
            } catch (IllegalStateException e) {
                return Optional.of("it passes an anonymous struct, union or enum, which C cannot name outside it");
            }
            if (t.resolved() instanceof CType.Unsupported u) {
                return Optional.of(u.reason());
            }
            if (t.resolved() instanceof CType.Prim p && p.kind() == org.jembed.core.model.PrimKind.LONG_DOUBLE) {
                return Optional.of("'long double' has no Java counterpart");
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------
    // Reach: the types a kept declaration needs

    private void keepStruct(String key) {
        if (keptStructs.add(key)) {
            StructDecl s = structs.get(key);
            if (s != null) {
                for (org.jembed.core.model.Field f : s.fields()) {
                    // a member's pointee too when the same header declares it: the host's own API structs
                    // (LADSPA_Descriptor's PortRangeHints), not the C library's or another subsystem's
                    reach(f.type(), sameHeader(f.type(), s.pos().file()));
                }
            }
        }
    }

    /** Whether {@code type} is a data pointer to a struct (through typedefs) that {@code file} declares. */
    private boolean sameHeader(CType type, String file) {
        CType t = type;
        while (t instanceof CType.Qualified q) {
            t = q.inner();
        }
        if (!(t.resolved() instanceof CType.Pointer p)) {
            return false;
        }
        return p.pointee().resolved() instanceof CType.StructRef r && structs.containsKey(r.key())
                && structs.get(r.key()).pos().file().equals(file);
    }

    private void keepTypedef(String name) {
        if (keptTypedefs.add(name)) {
            TypedefDecl t = typedefs.get(name);
            if (t != null) {
                reach(t.target(), true);
            }
        }
    }

    /**
     * Keeps what {@code type} names; {@code pointee} says whether the struct a data pointer points to is kept (for a
     * parameter's view), which is so at the top of a signature but not inside a struct's member.
     */
    private void reach(CType type, boolean pointee) {
        work.add(new Item(type, pointee));
        drain();
    }

    /** A type to keep; {@code pointee}: the struct a data pointer of it points to is kept too. */
    private record Item(CType type, boolean pointee) {}

    private void drain() {
        while (!work.isEmpty()) {
            Item item = work.poll();
            CType t = item.type();
            boolean pointee = item.pointee();
            if (t instanceof CType.Named n) {
                keepTypedef(n.name());
                work.add(new Item(n.target(), pointee));
            } else if (t instanceof CType.Qualified q) {
                work.add(new Item(q.inner(), pointee));
            } else if (t instanceof CType.Array a) {
                work.add(new Item(a.element(), pointee));
            } else if (t instanceof CType.Function f) {
                work.add(new Item(f.returnType(), true));
                for (Param p : f.params()) {
                    work.add(new Item(p.type(), true));
                }
            } else if (t instanceof CType.Pointer p) {
                CType inner = p.pointee();
                while (inner instanceof CType.Qualified q) {
                    inner = q.inner();
                }
                if (inner.resolved() instanceof CType.Function) {
                    work.add(new Item(inner, false));
                } else if (pointee) {
                    // one level: the struct itself (and the typedef naming it), not what its members point to
                    CType named = inner;
                    while (named instanceof CType.Named n) {
                        keepTypedef(n.name());
                        named = n.target();
                        while (named instanceof CType.Qualified q) {
                            named = q.inner();
                        }
                    }
                    if (named instanceof CType.StructRef r) {
                        keepStruct(r.key());
                    } else if (named instanceof CType.EnumRef r) {
                        keptEnums.add(r.key());
                    }
                }
            } else if (t instanceof CType.StructRef r) {
                keepStruct(r.key());
            } else if (t instanceof CType.EnumRef r) {
                keptEnums.add(r.key());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Request entries

    /** The entries of one request list, and which of them matched. */
    private static final class Patterns {
        private final Map<String, Pattern> entries = new LinkedHashMap<>();
        private final Set<String> matched = new LinkedHashSet<>();
        private final Map<String, String> skippedWhy = new LinkedHashMap<>();
        private final Map<String, SourcePos> skippedAt = new LinkedHashMap<>();

        Patterns(List<String> list) {
            for (String entry : list) {
                String e = entry.strip();
                if (!e.isEmpty()) {
                    entries.put(e, glob(e));
                }
            }
        }

        boolean matches(String name) {
            boolean any = false;
            for (var e : entries.entrySet()) {
                if (e.getValue().matcher(name).matches()) {
                    matched.add(e.getKey());
                    any = true;
                }
            }
            return any;
        }

        void skip(String name, SourcePos pos, String why) {
            skippedWhy.put(name, why);
            skippedAt.put(name, pos);
        }

        /** Errors for the entries without a wildcard that named nothing carried. */
        List<Diagnostic> unmatched(String element, String what, Optional<Path> pom, HostApi host) {
            List<Diagnostic> out = new ArrayList<>();
            for (String entry : entries.keySet()) {
                if (isPattern(entry)) {
                    continue;
                }
                SourcePos at = position(pom, "<" + element + ">" + entry + "</" + element + ">");
                if (skippedWhy.containsKey(entry)) {
                    out.add(Diagnostic.error(at, "<" + element + "> '" + entry + "' (" + skippedAt.get(entry)
                            + ") cannot be called from Java: " + skippedWhy.get(entry)));
                } else if (!matched.contains(entry)) {
                    Optional<Skipped> s = host.skipped().stream().filter(k -> k.name().equals(entry)).findFirst();
                    out.add(Diagnostic.error(at, s.map(k -> "<" + element + "> '" + entry + "' is declared at " + k.pos()
                                    + ", which jembed could not read (" + k.reason() + ")")
                            .orElse("<" + element + "> '" + entry + "': no header the API header includes declares a "
                                    + what + " of that name")));
                }
            }
            return out;
        }

        /** One note for the functions a pattern matched that cannot be called, so the user knows where they went. */
        List<Diagnostic> notes(String list) {
            List<String> names = skippedWhy.keySet().stream().filter(n -> !entries.containsKey(n)).toList();
            if (names.isEmpty()) {
                return List.of();
            }
            String first = names.get(0);
            return List.of(new Diagnostic(skippedAt.get(first), Diagnostic.Severity.NOTE, names.size()
                    + " of the names <" + list + "> matches get no Java method, e.g. '" + first + "': "
                    + skippedWhy.get(first) + (names.size() > 1 ? " (all: " + String.join(", ", names) + ")" : "")));
        }

        private static boolean isPattern(String entry) {
            return entry.indexOf('*') >= 0 || entry.indexOf('?') >= 0;
        }

        private static Pattern glob(String entry) {
            StringBuilder regex = new StringBuilder();
            for (char c : entry.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString());
        }
    }

    /**
     * The diagnostics for host functions that a later stage found it cannot carry (a macro without a prototype, a
     * wrapper the compiler rejected): an error for each one the pom names exactly, one note for those a pattern
     * matched.
     *
     * @param refused name to where it is declared and why
     */
    public static List<Diagnostic> refusals(Map<String, Map.Entry<SourcePos, String>> refused, HostRequest request) {
        List<Diagnostic> out = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        for (var e : refused.entrySet()) {
            String name = e.getKey();
            if (request.functions().stream().anyMatch(f -> f.strip().equals(name))) {
                out.add(Diagnostic.error(position(request.pom(), "<hostFunction>" + name + "</hostFunction>"),
                        "<hostFunction> '" + name + "' (" + e.getValue().getKey() + ") cannot be called from Java: "
                        + e.getValue().getValue()));
            } else {
                matched.add(name);
            }
        }
        if (!matched.isEmpty()) {
            var first = refused.get(matched.get(0));
            out.add(new Diagnostic(first.getKey(), Diagnostic.Severity.NOTE, matched.size() + " of the macros"
                    + " <hostFunctions> matches get no Java method, e.g. '" + matched.get(0) + "': " + first.getValue()
                    + (matched.size() > 1 ? " (all: " + String.join(", ", matched) + ")" : "")));
        }
        return out;
    }

    /**
     * The host functions with how each may leave ({@link HostFunction.Exit}), from the request's
     * {@code <protectedFunctions>} and {@code <raisingFunctions>}, once every function's prototype is known (macros
     * included), with an error for each one that cannot be called that way.
     *
     * @param guarded whether the library has a {@code <hostGuard>} (a protected call needs one)
     * @param lua     whether the guard is Lua's (a protected call then needs a {@code lua_State *} parameter)
     * @param errors  where the errors go, positioned at the pom entry
     */
    public static List<HostFunction> exits(List<HostFunction> functions, HostRequest request, boolean guarded,
                                           boolean lua, List<Diagnostic> errors) {
        Patterns protectedFunctions = new Patterns(request.protectedFunctions());
        Patterns raisingFunctions = new Patterns(request.raisingFunctions());
        List<HostFunction> out = new ArrayList<>();
        for (HostFunction f : functions) {
            boolean raises = raisingFunctions.matches(f.name());
            boolean guards = protectedFunctions.matches(f.name());
            String element = raises ? "raisingFunction" : "protectedFunction";
            Optional<String> why = Optional.empty();
            if (f.type().variadic() && (raises || guards)) {
                why = Optional.of("a variadic function cannot be " + (raises ? "deferred" : "protected")
                        + (raises ? "; use HostError.raise(message) for a message" : ""));
            } else if (raises && f.type().params().size() > 6) {
                why = Optional.of("it takes more than 6 parameters");
            } else if ((raises || guards) && f.type().params().stream().anyMatch(p -> p.type().resolved() instanceof CType.StructRef
                    || p.type().resolved() instanceof CType.Unsupported)) {
                why = Optional.of("it passes a struct by value");
            } else if (guards && !guarded) {
                why = Optional.of("a protected call needs the host's guard: set <hostGuard> (lua, postgresql, or a header"
                        + " of the project's that defines JEMBED_GUARD_TRY, JEMBED_GUARD_CATCH, JEMBED_GUARD_RERAISE,"
                        + " JEMBED_GUARD_DISCARD and JEMBED_GUARD_RAISE)");
            } else if (guards && lua && f.type().params().stream().noneMatch(p -> isLuaState(p.type()))) {
                why = Optional.of("Lua's guard runs it under lua_pcall, which needs a lua_State * parameter");
            }
            if (why.isPresent()) {
                errors.add(Diagnostic.error(position(request.pom(), "<" + element + ">" + f.name() + "</" + element + ">"),
                        "<" + element + "> '" + f.name() + "' (" + f.pos() + "): " + why.get()));
                out.add(f);
            } else {
                out.add(f.withExit(raises ? HostFunction.Exit.RAISES : guards ? HostFunction.Exit.PROTECTED
                        : HostFunction.Exit.RETURNS));
            }
        }
        return out;
    }

    /** {@code lua_State *}, through typedefs. */
    public static boolean isLuaState(CType t) {
        return t.resolved() instanceof CType.Pointer p && p.pointee().resolved() instanceof CType.StructRef r
                && r.tag().equals("lua_State");
    }

    /** Where {@code text} is written in the pom, as a position; the pom's name alone when it is not there. */
    public static SourcePos position(Optional<Path> pom, String text) {
        if (pom.isEmpty()) {
            return new SourcePos("pom.xml", 0, 0);
        }
        String name = pom.get().getFileName().toString();
        try {
            String content = Files.readString(pom.get(), StandardCharsets.UTF_8);
            int at = content.indexOf(text);
            if (at < 0) {
                return new SourcePos(name, 0, 0);
            }
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (content.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new SourcePos(name, line, at - lineStart + 1);
        } catch (IOException e) {
            return new SourcePos(name, 0, 0);
        }
    }
}
