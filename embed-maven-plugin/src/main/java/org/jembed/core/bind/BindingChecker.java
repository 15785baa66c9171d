package org.jembed.core.bind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jembed.core.bind.Binding.Conversion;
import org.jembed.core.bind.Binding.Crossing;
import org.jembed.core.bind.TypeMapping.CValue;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.Param;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.ViewNames;
import org.objectweb.asm.Type;

/**
 * Pairs every exported function with exactly one {@code @Export} method of a compatible signature, and
 * checks the {@code @Init} methods. All problems are collected and reported at once, positioned at the C
 * declaration (for a missing or mismatched binding) or at the Java method (for a stray {@code @Export}).
 */
public final class BindingChecker {

    /**
     * The checked bindings.
     *
     * @param bindings one per exported function, in header order
     * @param inits    the {@code @Init} methods, in the order they run (class name, then method name)
     */
    public record Result(List<Binding> bindings, List<ExportScanner.Found> inits) {}

    /**
     * The library's default {@code onError} handler class, {@code <errorHandler>} in the pom: for every function whose
     * {@code @Export} names no handler of its own, its public static method of the matching signature, whatever its
     * name: {@code (Throwable, P...)R} first, else {@code (Throwable)R}.
     *
     * @param className the class's binary name, e.g. {@code com.example.Replies}
     * @param where     the pom element, for messages
     */
    public record DefaultHandler(String className, SourcePos where) {}

    private final ApiModel model;
    private final java.util.Optional<ApiModel> internalModel;
    private final ViewNames views;
    private final Function<ExportScanner.Found, String> javaSource;
    private final java.util.Set<String> staticMethods;
    private final java.util.Optional<DefaultHandler> defaultHandler;
    private final List<Diagnostic> errors = new ArrayList<>();

    /**
     * @param model      the API
     * @param views      names of the generated struct views
     * @param javaSource the source path to report for a Java method, e.g. {@code src/main/java/com/example/Init.java}
     */
    public BindingChecker(ApiModel model, ViewNames views, Function<ExportScanner.Found, String> javaSource) {
        this(model, java.util.Optional.empty(), views, javaSource, java.util.Set.of());
    }

    /**
     * @param model         the API
     * @param internalModel the internal header, if the project has one: its functions may be implemented in Java
     *                      (called from user C) or in user C (called from Java); none of them needs a binding
     * @param views         names of the generated struct views
     * @param javaSource    the source path to report for a Java method
     * @param staticMethods the public static methods of the classes ({@link ExportScanner.Scan#staticMethods()}),
     *                      where {@code onError} handlers are looked up
     */
    public BindingChecker(ApiModel model, java.util.Optional<ApiModel> internalModel, ViewNames views,
                          Function<ExportScanner.Found, String> javaSource, java.util.Set<String> staticMethods) {
        this(model, internalModel, views, javaSource, staticMethods, java.util.Optional.empty());
    }

    /**
     * @param model          the API
     * @param internalModel  the internal header, if any
     * @param views          names of the generated struct views
     * @param javaSource     the source path to report for a Java method
     * @param staticMethods  the public static methods of the classes, where handlers are looked up
     * @param defaultHandler the library's default handler class, if the pom sets one
     */
    public BindingChecker(ApiModel model, java.util.Optional<ApiModel> internalModel, ViewNames views,
                          Function<ExportScanner.Found, String> javaSource, java.util.Set<String> staticMethods,
                          java.util.Optional<DefaultHandler> defaultHandler) {
        this.model = model;
        this.internalModel = internalModel;
        this.views = views;
        this.javaSource = javaSource;
        this.staticMethods = staticMethods;
        this.defaultHandler = defaultHandler;
    }

    /**
     * Checks {@code found} against the model.
     *
     * @throws DiagnosticException listing every binding error
     */
    public Result check(List<ExportScanner.Found> found) throws DiagnosticException {
        defaultHandler.ifPresent(d -> {
            String prefix = d.className().replace('.', '/') + ".";
            if (staticMethods.stream().noneMatch(m -> m.startsWith(prefix))) {
                error(d.where(), "<errorHandler> '" + d.className() + "' is not a public class of this project with public"
                        + " static methods; give the binary name of a class in src/main/java, e.g. com.example.Replies");
            }
        });
        Map<String, List<ExportScanner.Found>> byName = new LinkedHashMap<>();
        List<ExportScanner.Found> inits = new ArrayList<>();
        for (ExportScanner.Found f : found) {
            if (f.init()) {
                checkInit(f);
                inits.add(f);
                continue;
            }
            if (!f.callable()) {
                error(javaPos(f), "@Export method '" + f.javaName() + "' must be 'public static' in a public class");
            }
            byName.computeIfAbsent(f.cName(), k -> new ArrayList<>()).add(f);
        }
        Map<String, FunctionDecl> declared = model.functions().stream()
                .collect(Collectors.toMap(FunctionDecl::name, fn -> fn, (a, b) -> a, LinkedHashMap::new));
        List<FunctionDecl> internals = internalModel.map(ApiModel::functions).orElse(List.of()).stream()
                .filter(fn -> !declared.containsKey(fn.name())).toList();
        internals.forEach(fn -> declared.putIfAbsent(fn.name(), fn));
        for (var e : byName.entrySet()) {
            if (!declared.containsKey(e.getKey())) {
                for (ExportScanner.Found f : e.getValue()) {
                    error(javaPos(f), "@Export method '" + f.javaName() + "' implements '" + f.cName()
                            + "', which " + model.headerName() + " does not declare" + suggestion(f.cName(), declared.keySet()));
                }
            }
        }
        List<Binding> bindings = new ArrayList<>();
        for (FunctionDecl fn : model.functions()) {
            List<ExportScanner.Found> impls = byName.getOrDefault(fn.name(), List.of());
            if (impls.isEmpty()) {
                error(fn.pos(), "no @Export method implements '" + fn.name() + "'; add '@Export public static "
                        + expectedSignature(fn) + "' to a public class");
            } else if (impls.size() > 1) {
                error(fn.pos(), "'" + fn.name() + "' has " + impls.size() + " @Export methods ("
                        + impls.stream().map(f -> f.javaName() + " at " + javaPos(f)).collect(Collectors.joining(", "))
                        + "); keep exactly one");
            } else {
                bind(fn, impls.get(0), false).ifPresent(bindings::add);
            }
        }
        java.util.Set<String> seenInternal = new java.util.HashSet<>();
        for (FunctionDecl fn : internals) {
            List<ExportScanner.Found> impls = byName.getOrDefault(fn.name(), List.of());
            if (!seenInternal.add(fn.name()) || impls.isEmpty()) {
                continue; // implemented in user C, called from Java through the generated downcall
            }
            if (impls.size() > 1) {
                error(fn.pos(), "'" + fn.name() + "' has " + impls.size() + " @Export methods; keep exactly one");
            } else {
                bind(fn, impls.get(0), true).ifPresent(bindings::add);
            }
        }
        if (!errors.isEmpty()) {
            throw new DiagnosticException(errors);
        }
        inits.sort(Comparator.comparing(ExportScanner.Found::className).thenComparing(ExportScanner.Found::methodName));
        return new Result(bindings, inits);
    }

    private java.util.Optional<Binding> bind(FunctionDecl fn, ExportScanner.Found m, boolean internal) {
        Type[] args = Type.getArgumentTypes(m.descriptor());
        String ret = Type.getReturnType(m.descriptor()).getDescriptor();
        if (args.length != fn.params().size()) {
            error(fn.pos(), "'" + fn.name() + "' takes " + count(fn.params().size()) + " in " + model.headerName()
                    + " but " + m.javaName() + " (" + javaPos(m) + ") takes " + args.length + "; expected '"
                    + expectedSignature(fn) + "'");
            return java.util.Optional.empty();
        }
        int before = errors.size();
        List<Crossing> params = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            Param p = fn.params().get(i);
            CValue value = TypeMapping.classify(p.type(), model, views);
            Crossing c = crossing(value, args[i].getDescriptor(), false);
            if (c == null) {
                error(p.pos(), "parameter " + (i + 1) + " of '" + fn.name() + "' ('" + p.type().declare(p.name()).strip()
                        + "') cannot be '" + TypeMapping.javaName(args[i].getDescriptor()) + "' in " + m.javaName()
                        + " (" + javaPos(m) + "); use " + alternatives(value));
            }
            params.add(c);
        }
        CValue retValue = TypeMapping.classify(fn.returnType(), model, views);
        Crossing result = crossing(retValue, ret, true);
        if (result == null) {
            error(fn.pos(), "'" + fn.name() + "' returns '" + fn.returnType().cName() + "' but " + m.javaName() + " ("
                    + javaPos(m) + ") returns '" + TypeMapping.javaName(ret) + "'; use " + alternatives(retValue));
        }
        Binding.ErrorValue errorValue = Binding.ErrorValue.DEFAULT;
        if (!m.error().isEmpty()) {
            try {
                errorValue = ErrorValues.parse(m.error(), fn.returnType(), model);
            } catch (IllegalArgumentException e) {
                error(javaPos(m), "@Export(error = \"" + m.error() + "\") of " + m.javaName() + ": " + e.getMessage());
            }
        }
        java.util.Optional<Binding.Handler> handler = java.util.Optional.empty();
        if (!m.onError().isEmpty()) {
            handler = handler(m.className(), m.onError(), args, ret);
            if (handler.isEmpty()) {
                error(javaPos(m), "@Export(onError = \"" + m.onError() + "\") of " + m.javaName() + ": add "
                        + handlerSignatures(m.onError(), args, ret, fn) + " to " + m.className().replace('/', '.')
                        + "; it receives what the method threw" + (args.length > 0 ? " (and, in the second form, the"
                        + " call's arguments)" : "") + " and returns the value for C");
            }
        } else if (defaultHandler.isPresent()) {
            handler = defaultHandler(defaultHandler.get(), fn, m, args, ret);
        }
        return errors.size() == before
                ? java.util.Optional.of(new Binding(fn, m, params, result, internal, errorValue, handler))
                : java.util.Optional.empty();
    }

    /**
     * The public static method {@code name} of {@code className} that handles a throwable of a method taking
     * {@code args} and returning {@code ret}: {@code (Throwable, args...)} first, else {@code (Throwable)}.
     */
    private java.util.Optional<Binding.Handler> handler(String className, String name, Type[] args, String ret) {
        StringBuilder withArgs = new StringBuilder("(Ljava/lang/Throwable;");
        for (Type a : args) {
            withArgs.append(a.getDescriptor());
        }
        String full = withArgs.append(')').append(ret).toString();
        if (args.length > 0 && staticMethods.contains(className + "." + name + full)) {
            return java.util.Optional.of(new Binding.Handler(className, name, full, true));
        }
        String plain = "(Ljava/lang/Throwable;)" + ret;
        if (staticMethods.contains(className + "." + name + plain)) {
            return java.util.Optional.of(new Binding.Handler(className, name, plain, false));
        }
        return java.util.Optional.empty();
    }

    /**
     * The default handler class's method for a function: the one public static method taking {@code (Throwable, args)},
     * else the one taking {@code (Throwable)}, returning {@code ret}; an error at the C declaration when there is none
     * or more than one.
     */
    private java.util.Optional<Binding.Handler> defaultHandler(DefaultHandler d, FunctionDecl fn, ExportScanner.Found m,
                                                               Type[] args, String ret) {
        String prefix = d.className().replace('.', '/') + ".";
        StringBuilder withArgs = new StringBuilder("(Ljava/lang/Throwable;");
        for (Type a : args) {
            withArgs.append(a.getDescriptor());
        }
        String full = withArgs.append(')').append(ret).toString();
        String plain = "(Ljava/lang/Throwable;)" + ret;
        for (String descriptor : args.length > 0 ? List.of(full, plain) : List.of(plain)) {
            List<String> names = new ArrayList<>();
            for (String method : staticMethods) {
                int paren = method.indexOf('(');
                if (method.startsWith(prefix) && paren > prefix.length() && method.substring(paren).equals(descriptor)) {
                    names.add(method.substring(prefix.length(), paren));
                }
            }
            names.sort(null);
            if (names.size() > 1) {
                error(fn.pos(), "'" + fn.name() + "' has " + names.size() + " onError handlers in the <errorHandler> class "
                        + d.className() + " (" + d.where() + "): " + String.join(", ", names) + " take the same"
                        + " parameters and return the same type; keep one, or give " + m.javaName()
                        + " its own @Export(onError = ...)");
                return java.util.Optional.empty();
            }
            if (names.size() == 1) {
                return java.util.Optional.of(new Binding.Handler(d.className().replace('.', '/'), names.get(0), descriptor,
                        descriptor.equals(full) && args.length > 0));
            }
        }
        error(fn.pos(), "'" + fn.name() + "' has no onError handler: the <errorHandler> class " + d.className() + " ("
                + d.where() + ") has no " + handlerSignatures("onError", args, ret, fn) + " (any name); add one, or give "
                + m.javaName() + " its own @Export(onError = ...)");
        return java.util.Optional.empty();
    }

    /** "'public static int h(Throwable t)' or 'public static int h(Throwable t, RedisModuleCtx ctx, ...)'". */
    private static String handlerSignatures(String name, Type[] args, String ret, FunctionDecl fn) {
        String head = "'public static " + TypeMapping.javaName(ret) + " " + name + "(Throwable t";
        StringBuilder withArgs = new StringBuilder(head);
        for (int i = 0; i < args.length; i++) {
            String p = i < fn.params().size() && !fn.params().get(i).name().isEmpty() ? fn.params().get(i).name() : "arg" + i;
            withArgs.append(", ").append(TypeMapping.javaName(args[i].getDescriptor())).append(' ').append(p);
        }
        return args.length == 0 ? head + ")'" : head + ")' or " + withArgs + ")'";
    }

    /** The crossing for a Java type, or null when the Java type does not fit the C value. */
    private static Crossing crossing(CValue value, String javaType, boolean isReturn) {
        if (!value.javaTypes().contains(javaType)) {
            return null;
        }
        if (value instanceof TypeMapping.StructValue) {
            return new Crossing(Conversion.STRUCT_VALUE, javaType);
        } else if (value instanceof TypeMapping.StructPointer) {
            return new Crossing(javaType.equals(TypeMapping.SEGMENT) ? Conversion.SEGMENT : Conversion.VIEW, javaType);
        } else if (value instanceof TypeMapping.ConstCharPointer) {
            if (javaType.equals(TypeMapping.STRING)) {
                return new Crossing(Conversion.STRING, javaType);
            }
            return new Crossing(Conversion.SEGMENT, javaType);
        } else if (value instanceof TypeMapping.RawPointer) {
            return new Crossing(Conversion.SEGMENT, javaType);
        } else if (value instanceof TypeMapping.Unsupported) {
            return null;
        }
        return new Crossing(Conversion.DIRECT, javaType);
    }

    private static String alternatives(CValue value) {
        if (value instanceof TypeMapping.Unsupported u) {
            return "a supported type: " + u.why();
        }
        return value.javaTypes().stream().map(TypeMapping::javaName).map(n -> "'" + n + "'").collect(Collectors.joining(" or "));
    }

    /** The Java signature the build expects for {@code fn}, using each value's preferred Java type. */
    private String expectedSignature(FunctionDecl fn) {
        StringBuilder sb = new StringBuilder();
        sb.append(TypeMapping.javaName(first(TypeMapping.classify(fn.returnType(), model, views), true)))
                .append(' ').append(fn.name()).append('(');
        for (int i = 0; i < fn.params().size(); i++) {
            Param p = fn.params().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(TypeMapping.javaName(first(TypeMapping.classify(p.type(), model, views), false)))
                    .append(' ').append(p.name().isEmpty() ? "arg" + i : p.name());
        }
        return sb.append(')').toString();
    }

    private static String first(CValue value, boolean isReturn) {
        return value.javaTypes().isEmpty() ? "Ljava/lang/Object;" : value.javaTypes().get(0);
    }

    private void checkInit(ExportScanner.Found f) {
        if (!f.callable() || !f.descriptor().equals("()V")) {
            error(javaPos(f), "@Init method '" + f.javaName() + "' must be 'public static void' with no parameters, in a public class");
        }
    }

    private SourcePos javaPos(ExportScanner.Found f) {
        return new SourcePos(javaSource.apply(f), f.line(), 0);
    }

    private void error(SourcePos pos, String message) {
        errors.add(Diagnostic.error(pos, message));
    }

    private static String count(int n) {
        return n == 1 ? "1 parameter" : n + " parameters";
    }

    /** "; did you mean 'x'?" for the closest declared name within a small edit distance. */
    private static String suggestion(String name, java.util.Set<String> declared) {
        String best = null;
        int bestDistance = 3;
        for (String d : declared) {
            int dist = distance(name, d);
            if (dist < bestDistance) {
                best = d;
                bestDistance = dist;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

}
