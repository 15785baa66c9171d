package org.jembed.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jembed.core.bind.TypeMapping;
import org.jembed.core.glue.JavaRenderer;
import org.jembed.core.glue.Templates;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.Param;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.ViewNames;
import org.jembed.core.platform.Platform;

/**
 * The check of a build for several platforms: one build compiles one set of Java classes (the struct views, the
 * constants, the {@code @Export} methods) and freezes the same classes into every platform's library, so every
 * platform must see the same Java in the headers. Compares, against the first platform's reading, each function's Java
 * signature (the types {@link TypeMapping} allows for its parameters and result) and every Java source the views'
 * renderer writes (sizes, offsets, FFM layouts, constant types and values). A header whose declarations mean other
 * Java on another platform ({@code long}: 8 bytes on Linux, 4 on Windows; a {@code #ifdef _WIN32} declaration) is an
 * error at the declaration, naming both platforms and both Java spellings: jembed does not guess which one the Java
 * code meant.
 */
public final class PlatformAgreement {

    /**
     * A header as one platform's compiler read it.
     *
     * @param platform the platform
     * @param model    the API header's model
     * @param internal the internal header's model, if any
     */
    public record Reading(Platform platform, ApiModel model, Optional<ApiModel> internal) {}

    /** A {@code (file.h:12)} or {@code (file.h:12:5)} reference in a generated comment: the C declaration's position. */
    private static final Pattern POSITION = Pattern.compile("\\(([^()\\s]+\\.h):(\\d+)(?::(\\d+))?\\)");

    private PlatformAgreement() {
    }

    /**
     * What the comparison found.
     *
     * @param errors      one error per function and per generated class that differs, at its C declaration
     * @param disagreeing the platforms whose Java differs from the first platform's, in the build's order
     */
    public record Result(List<Diagnostic> errors, List<Platform> disagreeing) {
        /** Whether every platform gives the Java of the first. */
        public boolean agree() {
            return errors.isEmpty();
        }
    }

    /**
     * Compares every reading with the first.
     *
     * @param javaPackage the package of the generated views
     */
    public static Result compare(List<Reading> readings, String javaPackage) {
        List<Diagnostic> errors = new ArrayList<>();
        List<Platform> disagreeing = new ArrayList<>();
        if (readings.size() < 2) {
            return new Result(errors, disagreeing);
        }
        Reading first = readings.get(0);
        Map<String, String> firstSources = sources(first, javaPackage);
        for (Reading other : readings.subList(1, readings.size())) {
            int before = errors.size();
            compareFunctions(first, other, javaPackage, errors);
            compareSources(first, firstSources, other, sources(other, javaPackage), errors);
            if (errors.size() > before) {
                disagreeing.add(other.platform());
            }
        }
        return new Result(List.copyOf(errors), List.copyOf(disagreeing));
    }

    /**
     * What to do about disagreements, for the build failure's message: one sentence naming the platforms that
     * disagree with the first.
     */
    public static String fix(List<Platform> disagreeing) {
        String names = String.join(", ", disagreeing.stream().map(Platform::classifier).toList());
        return "one build compiles one set of Java classes for all its <platforms>: declare these with types of one size"
                + " on every platform (int32_t, int64_t, ...), or build " + names + " in a build of its own"
                + " (-Djembed.platform=" + disagreeing.get(0) + ")";
    }

    private static void compareFunctions(Reading a, Reading b, String javaPackage, List<Diagnostic> errors) {
        List<ApiModel> aModels = models(a);
        List<ApiModel> bModels = models(b);
        for (int m = 0; m < aModels.size() && m < bModels.size(); m++) {
            ApiModel am = aModels.get(m);
            ApiModel bm = bModels.get(m);
            Map<String, FunctionDecl> af = functions(am);
            Map<String, FunctionDecl> bf = functions(bm);
            for (FunctionDecl fa : af.values()) {
                FunctionDecl fb = bf.get(fa.name());
                if (fb == null) {
                    errors.add(Diagnostic.error(fa.pos(), "'" + fa.name() + "' is declared for " + a.platform()
                            + " but not for " + b.platform()));
                    continue;
                }
                String ja = javaSignature(fa, am, javaPackage);
                String jb = javaSignature(fb, bm, javaPackage);
                if (!ja.equals(jb)) {
                    errors.add(Diagnostic.error(fa.pos(), "'" + fa.prototype() + "' is '" + ja + "' in Java on "
                            + a.platform() + " but '" + jb + "' on " + b.platform()));
                }
            }
            for (FunctionDecl fb : bf.values()) {
                if (!af.containsKey(fb.name())) {
                    errors.add(Diagnostic.error(fb.pos(), "'" + fb.name() + "' is declared for " + b.platform()
                            + " but not for " + a.platform()));
                }
            }
        }
    }

    private static List<ApiModel> models(Reading r) {
        List<ApiModel> models = new ArrayList<>(List.of(r.model()));
        r.internal().ifPresent(models::add);
        return models;
    }

    private static Map<String, FunctionDecl> functions(ApiModel model) {
        Map<String, FunctionDecl> byName = new LinkedHashMap<>();
        model.functions().forEach(f -> byName.putIfAbsent(f.name(), f));
        return byName;
    }

    /** E.g. {@code long total(long, char, long, record_t, int)}: the preferred Java type of each part; {@code ?} for none. */
    static String javaSignature(FunctionDecl fn, ApiModel model, String javaPackage) {
        ViewNames views = ViewNames.of(model, javaPackage);
        String params = fn.params().stream().map(Param::type).map(t -> javaType(TypeMapping.classify(t, model, views)))
                .collect(Collectors.joining(", "));
        return javaType(TypeMapping.classify(fn.returnType(), model, views)) + " " + fn.name() + "(" + params
                + (fn.variadic() ? ", ..." : "") + ")";
    }

    private static String javaType(TypeMapping.CValue value) {
        List<String> types = value.javaTypes();
        return types.isEmpty() ? "?" : types.stream().map(TypeMapping::javaName).collect(Collectors.joining("|"));
    }

    private static Map<String, String> sources(Reading r, String javaPackage) {
        return new JavaRenderer(new Templates()).render(r.model(), r.internal(), ViewNames.of(r.model(), javaPackage));
    }

    private static void compareSources(Reading a, Map<String, String> as, Reading b, Map<String, String> bs,
                                       List<Diagnostic> errors) {
        for (var e : as.entrySet()) {
            String other = bs.get(e.getKey());
            if (other == null) {
                errors.add(Diagnostic.error(new SourcePos(a.model().headerName(), 1, 0), "the Java class " + e.getKey()
                        + " is generated for " + a.platform() + " but not for " + b.platform()));
                continue;
            }
            if (other.equals(e.getValue())) {
                continue;
            }
            List<String> al = e.getValue().lines().toList();
            List<String> bl = other.lines().toList();
            int i = 0;
            while (i < al.size() && i < bl.size() && al.get(i).equals(bl.get(i))) {
                i++;
            }
            String lineA = i < al.size() ? shown(al.get(i)) : "(end of file)";
            String lineB = i < bl.size() ? shown(bl.get(i)) : "(end of file)";
            String file = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            errors.add(Diagnostic.error(declaration(al, i, a.model().headerName()), "the Java generated from this"
                    + " declaration differs between " + a.platform() + " and " + b.platform() + ": '" + lineA
                    + "' against '" + lineB + "' (" + file + ")"));
        }
        for (String name : bs.keySet()) {
            if (!as.containsKey(name)) {
                errors.add(Diagnostic.error(new SourcePos(b.model().headerName(), 1, 0), "the Java class " + name
                        + " is generated for " + b.platform() + " but not for " + a.platform()));
            }
        }
    }

    /** A generated line as a message quotes it: without indentation and a Javadoc line's leading {@code *}. */
    private static String shown(String line) {
        String t = line.strip();
        return t.startsWith("* ") ? t.substring(2) : t;
    }

    /**
     * The C declaration a generated line belongs to: the position the nearest comment at or above it quotes (views,
     * constants and accessors each quote theirs); the header's first line when none does.
     */
    static SourcePos declaration(List<String> lines, int index, String headerName) {
        for (int i = Math.min(index, lines.size() - 1); i >= 0; i--) {
            Matcher m = POSITION.matcher(lines.get(i));
            SourcePos found = null;
            while (m.find()) {
                found = new SourcePos(m.group(1), Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
            }
            if (found != null) {
                return found;
            }
        }
        return new SourcePos(headerName, 1, 0);
    }
}
