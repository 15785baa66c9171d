package org.jembed.core.nativebuild;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jembed.core.ToolCall;
import org.jembed.core.platform.ExportTable;
import org.jembed.core.platform.Toolset;

/**
 * The symbols a host looks up by name in a plugin ({@code dlsym}), which user C defines: they must be exported, while
 * the rest of user C stays hidden ({@code -fvisibility=hidden}). Some are defined by the host's own macros, which
 * do not mark them (PostgreSQL 15's {@code PG_MODULE_MAGIC} defines {@code Pg_magic_func} and
 * {@code PG_FUNCTION_INFO_V1(f)} defines {@code pg_finfo_f}, without a visibility attribute), so jembed exports, of
 * what user C defines, every name the pom lists ({@code <exportedSymbols>}) and every name {@link #KNOWN} hosts look
 * up. A source file that defines such a name is compiled a second time through a wrapper that includes it and then
 * redeclares each name with {@code visibility("default")}, which GCC and Clang apply to the definition before it.
 * On Windows a DLL exports only what is {@code __declspec(dllexport)}: user C marks those names with
 * {@code JEMBED_VISIBLE}; the check after the link reports one that is missing.
 */
public final class HostExports {

    /**
     * Names (patterns: {@code *} any run of characters) that hosts look up in a plugin: PostgreSQL
     * ({@code Pg_magic_func}, {@code pg_finfo_*}, {@code _PG_init}, {@code _PG_fini}), Lua ({@code luaopen_*}),
     * Redis ({@code RedisModule_OnLoad}, {@code RedisModule_OnUnload}), glibc NSS ({@code _nss_*}), PAM
     * ({@code pam_sm_*}), SQLite ({@code sqlite3_extension_init}, {@code sqlite3_*_init}), CPython
     * ({@code PyInit_*}), Node-API ({@code napi_register_module_v1}, {@code node_api_module_get_api_version_v1}),
     * Erlang NIFs ({@code nif_init}), Ruby ({@code Init_*}), LADSPA, DSSI and LV2 ({@code ladspa_descriptor},
     * {@code dssi_descriptor}, {@code lv2_descriptor}), JACK internal clients ({@code jack_initialize},
     * {@code jack_finish}), collectd ({@code module_register}), Cyrus SASL ({@code sasl_server_plug_init},
     * {@code sasl_client_plug_init}), OpenSSL providers ({@code OSSL_provider_init}), JNI ({@code JNI_OnLoad*},
     * {@code JNI_OnUnload*}), WeeChat ({@code weechat_plugin_*}), libpurple ({@code purple_init_plugin}), VLC
     * ({@code vlc_entry*}).
     */
    public static final List<String> KNOWN = List.of("Pg_magic_func", "pg_finfo_*", "_PG_init", "_PG_fini", "luaopen_*",
            "RedisModule_OnLoad", "RedisModule_OnUnload", "_nss_*", "pam_sm_*", "sqlite3_extension_init",
            "sqlite3_*_init", "PyInit_*", "napi_register_module_v1", "node_api_module_get_api_version_v1", "nif_init",
            "Init_*", "ladspa_descriptor", "dssi_descriptor", "lv2_descriptor", "jack_initialize", "jack_finish",
            "module_register", "sasl_server_plug_init", "sasl_client_plug_init", "OSSL_provider_init", "JNI_OnLoad*",
            "JNI_OnUnload*", "weechat_plugin_*", "purple_init_plugin", "vlc_entry*");

    private HostExports() {
    }

    /** Whether {@code name} matches one of {@code patterns}. */
    static boolean matches(String name, List<String> patterns) {
        for (String p : patterns) {
            if (glob(p).matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String p) {
        StringBuilder regex = new StringBuilder();
        for (char c : p.strip().toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /**
     * The global names {@code object} defines that match {@code patterns}, by the target's {@code nm}; empty when
     * {@code nm} is missing (the check after the link then reports what is not exported).
     */
    static Set<String> defined(Toolset tools, Path object, List<String> patterns) throws IOException {
        String nm = tools.tool("nm");
        if (!Toolset.found(nm)) {
            return Set.of();
        }
        ToolCall call = ToolCall.run(List.of(nm, "-g", "--defined-only", object.toString()), object.getParent());
        Set<String> out = new TreeSet<>();
        if (!call.succeeded()) {
            return out;
        }
        boolean underscored = tools.target().os() == org.jembed.core.platform.Platform.Os.OSX;
        for (String name : ExportTable.nmNames(call.stdout(), underscored)) {
            if (matches(name, patterns)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * The wrapper translation unit that compiles {@code source} with {@code names} exported: it includes the file
     * (so diagnostics and {@code #include "..."} resolve as for the file itself) and then redeclares each name. It
     * carries the source's content hash, so it is rewritten, and recompiled, whenever the source changes.
     */
    static String wrapper(Path source, byte[] content, Set<String> names) {
        StringBuilder b = new StringBuilder();
        b.append("/* Generated by jembed: ").append(source.getFileName()).append(" with the names its host looks up"
                + " exported (source sha-256 ").append(sha256(content)).append("). */\n");
        b.append("#include \"").append(source.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\"\n");
        for (String n : new LinkedHashSet<>(names)) {
            b.append("extern __typeof__(").append(n).append(") ").append(n)
                    .append(" __attribute__((visibility(\"default\")));\n");
        }
        return b.toString();
    }

    /** The exact names (no wildcard) of {@code patterns} the library does not export, to report. */
    static List<String> missing(List<String> patterns, Set<String> exported) {
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            String n = p.strip();
            if (!n.isEmpty() && n.indexOf('*') < 0 && n.indexOf('?') < 0 && !exported.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
