package org.jembed.core.header;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jembed.core.model.SourcePos;

/**
 * The output of {@code gcc -E -dD} split by origin: the code lines of the main file and of project headers
 * (joined, for the lexer, with a table back to their original file and line), the {@code #define}/{@code #undef}
 * lines of the main file, and the names that system headers typedef (for better diagnostics).
 *
 * <p>Line markers ({@code # 12 "file.h" 1 3}) are described in the GCC manual, "Preprocessor Output".
 * A file is a system header when it is first mentioned with flag 3; later markers for the same file keep that
 * classification. (gcc also marks the expansion of a system-header macro, e.g. {@code bool}, with flag 3 inside
 * the main file; those tokens belong to the main file and are kept.)
 */
final class PreprocessedSource {

    /** An object-like or function-like {@code #define}, or an {@code #undef} ({@code body} empty). */
    record Directive(boolean undef, String name, boolean functionLike, String body, SourcePos pos) {}

    private static final Pattern MARKER = Pattern.compile("^#\\s*(\\d+)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"(.*)$");
    private static final Pattern DEFINE = Pattern.compile("^#\\s*define\\s+([A-Za-z_$][A-Za-z_0-9$]*)(\\(?)(.*)$");
    private static final Pattern UNDEF = Pattern.compile("^#\\s*undef\\s+([A-Za-z_$][A-Za-z_0-9$]*)");
    private static final Pattern SYSTEM_TYPEDEF = Pattern.compile(
            "\\btypedef\\b.*?\\b([A-Za-z_][A-Za-z_0-9]*)\\s*(?:\\[[^\\]]*\\]\\s*)?(?:__attribute__\\s*\\(\\(.*\\)\\)\\s*)?;");
    /** {@code struct tag {} at the start of a line: the definition of a struct a typedef of the same name may name. */
    private static final Pattern SYSTEM_STRUCT_OPEN = Pattern.compile("^\\s*struct\\s+([A-Za-z_][A-Za-z_0-9]*)\\s*\\{");
    /** {@code typedef int (*name)(...)}: a function-pointer typedef. */
    private static final Pattern SYSTEM_FUNCTION_POINTER_TYPEDEF =
            Pattern.compile("\\btypedef\\b[^;]*?\\(\\s*\\*\\s*([A-Za-z_][A-Za-z_0-9]*)\\s*\\)\\s*\\(");
    private static final Pattern SYSTEM_TYPEDEF_CLOSE = Pattern.compile("^\\s*}\\s*([A-Za-z_][A-Za-z_0-9]*)\\s*;");

    private final String code;
    private final List<SourcePos> lines;
    private final List<Directive> directives;
    private final Set<String> systemTypedefs;
    private final Map<String, String> predefined;
    private final Map<String, String> systemDefinitions;
    private final Set<String> promoted;

    private PreprocessedSource(String code, List<SourcePos> lines, List<Directive> directives, Set<String> systemTypedefs,
                               Map<String, String> predefined, Map<String, String> systemDefinitions, Set<String> promoted) {
        this.predefined = predefined;
        this.systemDefinitions = systemDefinitions;
        this.promoted = promoted;
        this.code = code;
        this.lines = lines;
        this.directives = directives;
        this.systemTypedefs = systemTypedefs;
    }

    /**
     * Splits {@code gcc -E -dD} output.
     *
     * @param text         the preprocessor's output
     * @param mainFileName the main file's name as gcc prints it in line markers
     */
    static PreprocessedSource split(String text, String mainFileName) {
        return split(text, mainFileName, Set.of());
    }

    /**
     * As {@link #split(String, String)}, reading the system headers in {@code promoted} as project headers: their type
     * declarations are parsed (a plugin API's own header installed in {@code /usr/include}, e.g. {@code ladspa.h}).
     */
    static PreprocessedSource split(String text, String mainFileName, Set<String> promoted) {
        StringBuilder code = new StringBuilder();
        List<SourcePos> lines = new ArrayList<>();
        List<Directive> directives = new ArrayList<>();
        Set<String> systemTypedefs = new LinkedHashSet<>();
        Map<String, String> predefined = new HashMap<>();
        Map<String, String> systemDefinitions = new HashMap<>();
        Map<String, Boolean> systemFiles = new HashMap<>();
        systemFiles.put(mainFileName, false);

        String file = mainFileName;
        boolean system = false;
        int line = 1;
        for (String raw : text.split("\r?\n", -1)) {
            Matcher m = MARKER.matcher(raw);
            if (m.matches()) {
                file = unescape(m.group(2));
                line = Integer.parseInt(m.group(1));
                boolean flag3 = (" " + m.group(3) + " ").contains(" 3 ");
                system = systemFiles.computeIfAbsent(file, f -> (flag3 || f.startsWith("<")) && !promoted.contains(f));
                continue;
            }
            boolean project = !system && !file.startsWith("<");
            String stripped = raw.stripLeading();
            if (stripped.startsWith("#")) {
                if (file.equals(mainFileName)) {
                    directive(stripped, file, line, raw.length() - stripped.length()).ifPresent(directives::add);
                } else if (file.equals("<built-in>")) {
                    directive(stripped, file, line, 0).filter(d -> !d.undef() && !d.functionLike())
                            .ifPresent(d -> predefined.put(d.name(), d.body()));
                }
            } else if (project) {
                code.append(raw).append('\n');
                lines.add(new SourcePos(file, line, 0));
            } else if (system) {
                Matcher t = SYSTEM_TYPEDEF.matcher(raw);
                Matcher c = SYSTEM_TYPEDEF_CLOSE.matcher(raw);
                Matcher tagged = SYSTEM_STRUCT_OPEN.matcher(raw);
                if (tagged.find()) {
                    systemDefinitions.putIfAbsent(tagged.group(1), file);
                }
                Matcher fp = SYSTEM_FUNCTION_POINTER_TYPEDEF.matcher(raw);
                if (raw.contains("typedef") && fp.find()) {
                    systemTypedefs.add(fp.group(1));
                } else if (raw.contains("typedef") && t.find()) {
                    systemTypedefs.add(t.group(1));
                } else if (c.find()) {
                    systemTypedefs.add(c.group(1));
                    systemDefinitions.putIfAbsent(c.group(1), file);
                }
            }
            line++;
        }
        return new PreprocessedSource(code.toString(), List.copyOf(lines), List.copyOf(directives), Set.copyOf(systemTypedefs),
                Map.copyOf(predefined), Map.copyOf(systemDefinitions), Set.copyOf(promoted));
    }

    private static java.util.Optional<Directive> directive(String text, String file, int line, int indent) {
        Matcher d = DEFINE.matcher(text);
        if (d.find()) {
            SourcePos pos = new SourcePos(file, line, indent + d.start(1) + 1);
            return java.util.Optional.of(new Directive(false, d.group(1), !d.group(2).isEmpty(), d.group(3).strip(), pos));
        }
        Matcher u = UNDEF.matcher(text);
        if (u.find()) {
            return java.util.Optional.of(new Directive(true, u.group(1), false, "", new SourcePos(file, line, indent + u.start(1) + 1)));
        }
        return java.util.Optional.empty();
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** The kept code lines, each ending in a newline; line {@code n} (1-based) comes from {@link #origin(int)}. */
    String code() {
        return code;
    }

    /** The file and line of code line {@code codeLine} (1-based), column 0. */
    SourcePos origin(int codeLine) {
        if (lines.isEmpty()) {
            return new SourcePos("", 1, 0);
        }
        return lines.get(Math.max(0, Math.min(codeLine - 1, lines.size() - 1)));
    }

    /** Number of kept code lines. */
    int lineCount() {
        return lines.size();
    }

    /** The main file's {@code #define} and {@code #undef} lines, in order. */
    List<Directive> directives() {
        return directives;
    }

    /** System typedef names whose definition ({@code typedef struct {...} name;}) spans lines, with their file. */
    Map<String, String> systemDefinitions() {
        return systemDefinitions;
    }

    /** The system headers read as project headers. */
    Set<String> promoted() {
        return promoted;
    }

    /** The compiler's predefined object-like macros ({@code __SIZEOF_INT__} to {@code 4}): the target's scalar sizes. */
    Map<String, String> predefined() {
        return predefined;
    }

    /** Names that system headers appear to typedef ({@code FILE}, {@code va_list}, ...): a heuristic, for messages only. */
    Set<String> systemTypedefs() {
        return systemTypedefs;
    }
}
