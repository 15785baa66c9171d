package org.jembed.core.header;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Optional;

import org.jembed.core.model.SourcePos;

/**
 * The output of {@code gcc -E -dD} split by origin: the code lines of every file (the main header, the project and
 * system headers it includes), joined for the lexer with a table back to their original file and line; the
 * {@code #define}/{@code #undef} lines of every file; and which files are system headers.
 *
 * <p>Line markers ({@code # 12 "file.h" 1 3}) are described in the GCC manual, "Preprocessor Output".
 * A file is a system header when it is first mentioned with flag 3; later markers for the same file keep that
 * classification. (gcc also marks the expansion of a system-header macro, e.g. {@code bool}, with flag 3 inside
 * the main file; those tokens belong to the main file.)
 */
final class PreprocessedSource {

    /**
     * An object-like or function-like {@code #define}, or an {@code #undef} ({@code body} empty).
     *
     * @param body for a function-like macro, the text after the opening parenthesis: its parameter list, the
     *             closing parenthesis and the replacement list ({@code L,i) lua_tolstring(L, (i), NULL)})
     */
    record Directive(boolean undef, String name, boolean functionLike, String body, SourcePos pos) {}

    private static final Pattern MARKER = Pattern.compile("^#\\s*(\\d+)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"(.*)$");
    private static final Pattern DEFINE = Pattern.compile("^#\\s*define\\s+([A-Za-z_$][A-Za-z_0-9$]*)(\\(?)(.*)$");
    private static final Pattern UNDEF = Pattern.compile("^#\\s*undef\\s+([A-Za-z_$][A-Za-z_0-9$]*)");
    /** {@code ... name;} or {@code ... name[N];}: the last declarator name of a declaration without its braces. */
    private static final Pattern TYPEDEF_NAME = Pattern.compile("\\b([A-Za-z_][A-Za-z_0-9]*)\\s*(?:\\[[^\\]]*\\]\\s*)*;");
    /** {@code typedef int (*name)(...)}: a function-pointer typedef. */
    private static final Pattern FUNCTION_POINTER_TYPEDEF_NAME =
            Pattern.compile("\\btypedef\\b[^;]*?\\(\\s*\\*\\s*([A-Za-z_][A-Za-z_0-9]*)\\s*\\)\\s*\\(");

    private final String code;
    private final List<SourcePos> lines;
    private final List<Directive> directives;
    private final List<Directive> allDirectives;
    private final Set<String> systemFiles;
    private final Map<String, String> predefined;

    private PreprocessedSource(String code, List<SourcePos> lines, List<Directive> directives, List<Directive> allDirectives,
                               Set<String> systemFiles, Map<String, String> predefined) {
        this.code = code;
        this.lines = lines;
        this.directives = directives;
        this.allDirectives = allDirectives;
        this.systemFiles = systemFiles;
        this.predefined = predefined;
    }

    /**
     * Splits {@code gcc -E -dD} output.
     *
     * @param text         the preprocessor's output
     * @param mainFileName the main file's name as gcc prints it in line markers
     */
    static PreprocessedSource split(String text, String mainFileName) {
        StringBuilder code = new StringBuilder();
        List<SourcePos> lines = new ArrayList<>();
        List<Directive> directives = new ArrayList<>();
        List<Directive> allDirectives = new ArrayList<>();
        Map<String, String> predefined = new HashMap<>();
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
                system = systemFiles.computeIfAbsent(file, f -> flag3 || f.startsWith("<"));
                continue;
            }
            String stripped = raw.stripLeading();
            if (stripped.startsWith("#")) {
                if (file.equals("<built-in>")) {
                    directive(stripped, file, line, 0).filter(d -> !d.undef() && !d.functionLike())
                            .ifPresent(d -> predefined.put(d.name(), d.body()));
                } else if (!file.startsWith("<")) {
                    Optional<Directive> d = directive(stripped, file, line, raw.length() - stripped.length());
                    d.ifPresent(allDirectives::add);
                    if (file.equals(mainFileName)) {
                        d.ifPresent(directives::add);
                    }
                }
            } else if (!file.startsWith("<")) {
                code.append(raw).append('\n');
                lines.add(new SourcePos(file, line, 0));
            }
            line++;
        }
        Set<String> systems = new LinkedHashSet<>();
        systemFiles.forEach((f, sys) -> {
            if (sys) {
                systems.add(f);
            }
        });
        return new PreprocessedSource(code.toString(), List.copyOf(lines), List.copyOf(directives), List.copyOf(allDirectives),
                Set.copyOf(systems), Map.copyOf(predefined));
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

    /** Every file's {@code #define} and {@code #undef} lines but the compiler's own, in order. */
    List<Directive> allDirectives() {
        return allDirectives;
    }

    /** True when {@code file} is a system header (line-marker flag 3: found through a system include directory). */
    boolean isSystem(String file) {
        return systemFiles.contains(file);
    }

    /** The compiler's predefined object-like macros ({@code __SIZEOF_INT__} to {@code 4}): the target's scalar sizes. */
    Map<String, String> predefined() {
        return predefined;
    }

    /**
     * The name a typedef declaration declares, read off its text (tokens joined by spaces), for a declaration the
     * parser could not read: it stays a type name, so that what uses it still parses.
     *
     * @return empty when the text is no typedef or the name cannot be told
     */
    static Optional<String> typedefName(String declaration) {
        if (!declaration.matches("(?s).*\\btypedef\\b.*")) {
            return Optional.empty();
        }
        StringBuilder outer = new StringBuilder();
        int depth = 0;
        for (char c : declaration.toCharArray()) {
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0) {
                outer.append(c);
            }
        }
        String text = outer.toString().replaceAll("__attribute__\\s*\\(\\(.*?\\)\\s*\\)", " ");
        Matcher fp = FUNCTION_POINTER_TYPEDEF_NAME.matcher(text);
        if (fp.find()) {
            return Optional.of(fp.group(1));
        }
        Matcher t = TYPEDEF_NAME.matcher(text);
        String last = null;
        while (t.find()) {
            last = t.group(1);
        }
        return Optional.ofNullable(last);
    }
}
