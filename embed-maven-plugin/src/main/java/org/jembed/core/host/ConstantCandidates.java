package org.jembed.core.host;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jembed.core.model.ApiModel;
import org.jembed.core.model.EnumDecl;
import org.jembed.core.model.TypedefDecl;

/**
 * Which object-like macros of the included headers can be constants at all, before the compiler is asked: a constant
 * expression (C11 6.6) names, once the preprocessor has expanded it, only enumerators, type names and keywords, so a
 * macro whose expansion reaches another identifier ({@code #define PG_PRINTF_ATTRIBUTE gnu_printf},
 * {@code #define G_VA_COPY va_copy}, {@code #define stdin stdin}) is left out. The compiler would reject it too, but
 * it reports an undeclared identifier only once, so a header with many such macros would cost the probe one compile
 * each.
 */
public final class ConstantCandidates {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z_0-9$]*");
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|\\b\\d[\\w.]*");
    private static final Set<String> KEYWORDS = Set.of("sizeof", "_Alignof", "__alignof__", "__alignof", "char", "short",
            "int", "long", "unsigned", "signed", "__signed__", "float", "double", "_Bool", "void", "const", "volatile",
            "struct", "union", "enum", "__extension__", "__typeof__", "typeof", "_Complex", "__int128", "L", "u8", "u",
            "U");

    private final Set<String> names = new HashSet<>();

    /** @param parsed the whole parse: its enumerators, typedef names and tags are what a constant may name */
    public ConstantCandidates(ApiModel parsed) {
        for (EnumDecl e : parsed.enums()) {
            e.values().forEach(v -> names.add(v.name()));
            names.add(e.tag());
        }
        parsed.typedefs().stream().map(TypedefDecl::name).forEach(names::add);
        parsed.structs().forEach(s -> names.add(s.tag()));
    }

    /** True when {@code expansion}, a macro's text after preprocessing, may be a constant expression. */
    public boolean test(String expansion) {
        if (expansion.isBlank()) {
            return false;
        }
        Matcher id = IDENTIFIER.matcher(LITERAL.matcher(expansion).replaceAll(" "));
        while (id.find()) {
            String name = id.group();
            if (!KEYWORDS.contains(name) && !names.contains(name) && !name.startsWith("__builtin_")) {
                return false;
            }
        }
        return true;
    }
}
