package org.jembed.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.jembed.core.glue.GlueRenderer;
import org.jembed.core.glue.Templates;
import org.jembed.core.host.HostRequest;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.DiagnosticException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real hosts' headers as Debian installs them: an API header that includes the host's plugin header and declares
 * only the plugin's entry point is read, the host functions and constants of the host's own prefix are selected, and
 * what jembed generates compiles: the Java (views, header classes, downcalls) with javac, the glue with
 * {@code -Wall -Wextra -Werror}, the host file with the library's warnings. Each host's {@code -dev} package is
 * installed by {@code .ci/run}; a missing one fails the test with its name.
 */
class RealHostHeadersTest {

    /** A host: the header lines, the entry point, include options, and what Java asks for. */
    record Host(String name, String debianPackage, String probe, List<String> options, String includes,
                String entryPoint, List<String> functions, List<String> constants, String expectedClass,
                String expectedMethod) {
        @Override public String toString() { return name; }
    }

    /** The JDK running the tests: its {@code jni.h} is the JNI host's header. */
    private static final String JAVA_HOME = System.getProperty("java.home");

    static Stream<Arguments> hosts() {
        String glib = "-I/usr/include/glib-2.0 -I/usr/lib/x86_64-linux-gnu/glib-2.0/include";
        return Stream.of(
                host("Lua 5.4", "liblua5.4-dev", "/usr/include/lua5.4/lua.h", "-I/usr/include/lua5.4",
                        "#include <lua.h>\n#include <lauxlib.h>", "int luaopen_x(lua_State *L);",
                        "lua_*,luaL_*", "LUA_*", "lua_h", "lua_settop"),
                host("PostgreSQL 15", "postgresql-server-dev-15", "/usr/include/postgresql/15/server/fmgr.h",
                        "-I/usr/include/postgresql/15/server", "#include \"postgres.h\"\n#include \"fmgr.h\"",
                        "Datum jadd(PG_FUNCTION_ARGS);", "palloc,pfree,pg_detoast_datum*,PG_*", "PG_*", "palloc_h", "palloc"),
                host("glibc NSS", "libc6-dev", "/usr/include/nss.h", "",
                        "#include <nss.h>\n#include <pwd.h>",
                        "enum nss_status _nss_x_getpwnam_r(const char *name, struct passwd *pwd, char *buf, size_t buflen,"
                                + " int *errnop);", "getpw*", "NSS_*", "nss_h", ""),
                host("PAM", "libpam0g-dev", "/usr/include/security/pam_modules.h", "",
                        "#include <security/pam_modules.h>",
                        "int pam_sm_authenticate(pam_handle_t *pamh, int flags, int argc, const char **argv);",
                        "pam_*", "PAM_*", "_pam_types_h", "pam_get_item"),
                host("SQLite", "libsqlite3-dev", "/usr/include/sqlite3ext.h", "", "#include <sqlite3ext.h>",
                        "int sqlite3_x_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);",
                        "", "SQLITE_*", "sqlite3_h", ""),
                host("CPython 3.11", "python3-dev", "/usr/include/python3.11/Python.h", "-I/usr/include/python3.11",
                        "#include <Python.h>", "PyObject *PyInit_x(void);", "PyLong_*,PyUnicode_*,Py_*", "Py_*",
                        "longobject_h", "PyLong_FromLong"),
                host("Erlang NIF", "erlang-dev", "/usr/lib/erlang/usr/include/erl_nif.h", "-I/usr/lib/erlang/usr/include",
                        "#include <erl_nif.h>", "ErlNifEntry *nif_init(void);", "enif_*", "ERL_NIF_*", "erl_nif_api_funcs_h",
                        ""),
                host("Tcl 8.6", "tcl-dev", "/usr/include/tcl8.6/tcl.h", "-I/usr/include/tcl8.6", "#include <tcl.h>",
                        "int X_Init(Tcl_Interp *interp);", "Tcl_*", "TCL_*", "tclDecls_h", ""),
                host("FUSE 3", "libfuse3-dev", "/usr/include/fuse3/fuse.h", "-I/usr/include/fuse3",
                        "#define FUSE_USE_VERSION 31\n#include <fuse.h>", "const struct fuse_operations *x_ops(void);",
                        "fuse_*", "FUSE_*", "fuse_h", ""),
                host("GLib", "libglib2.0-dev", "/usr/include/glib-2.0/glib.h", glib, "#include <glib.h>",
                        "gboolean x_plugin(gpointer data);", "g_str*,g_malloc*,g_free", "G_*", "gstrfuncs_h", ""),
                host("Apache httpd", "apache2-dev", "/usr/include/apache2/httpd.h", "-I/usr/include/apache2 -I/usr/include/apr-1.0",
                        "#include <httpd.h>\n#include <http_config.h>\n#include <http_protocol.h>",
                        "int x_handler(request_rec *r);", "ap_r*,apr_p*", "OK,DECLINED,HTTP_*", "http_protocol_h", "ap_rputs"),
                host("GStreamer", "libgstreamer1.0-dev", "/usr/include/gstreamer-1.0/gst/gst.h",
                        "-I/usr/include/gstreamer-1.0 " + glib, "#include <gst/gst.h>",
                        "gboolean x_init(GstPlugin *plugin);", "gst_element_*", "GST_*", "gstelement_h", ""),
                host("LV2", "lv2-dev", "/usr/include/lv2/core/lv2.h", "", "#include <lv2/core/lv2.h>",
                        "const LV2_Descriptor *lv2_descriptor(uint32_t index);", "", "LV2_*", "lv2_h", ""),
                host("VLC", "libvlccore-dev", "/usr/include/vlc/plugins/vlc_plugin.h", "-I/usr/include/vlc/plugins",
                        "#include <vlc_common.h>\n#include <vlc_plugin.h>", "int x_open(vlc_object_t *obj);",
                        "vlc_*", "VLC_*", "vlc_common_h", ""),
                host("Ruby 3.1", "ruby-dev", "/usr/include/ruby-3.1.0/ruby.h",
                        "-I/usr/include/ruby-3.1.0 -I/usr/include/x86_64-linux-gnu/ruby-3.1.0", "#include <ruby.h>",
                        "void Init_x(void);", "rb_str*,rb_define_*", "RUBY_*", "string_h", ""),
                host("Perl 5.36", "libperl-dev", "/usr/lib/x86_64-linux-gnu/perl/5.36/CORE/perl.h",
                        "-I/usr/lib/x86_64-linux-gnu/perl/5.36/CORE",
                        "#include <EXTERN.h>\n#include <perl.h>\n#include <XSUB.h>",
                        "void boot_X(PerlInterpreter *my_perl, CV *cv);", "Perl_sv_set*", "SVt_*", "proto_h", ""),
                host("MariaDB", "libmariadb-dev", "/usr/include/mariadb/mysql.h", "-I/usr/include/mariadb",
                        "#include <mysql.h>",
                        "long long x_udf(UDF_INIT *initid, UDF_ARGS *args, char *is_null, char *error);",
                        "mysql_*", "MYSQL_*", "mysql_h", ""),
                host("JACK", "libjack-jackd2-dev", "/usr/include/jack/jack.h", "", "#include <jack/jack.h>",
                        "int jack_initialize(jack_client_t *client, const char *load_init);", "jack_*", "JACK_*",
                        "jack_h", ""),
                host("frei0r", "frei0r-plugins-dev", "/usr/include/frei0r.h", "", "#include <frei0r.h>",
                        "int f0r_init(void);", "f0r_*", "F0R_*", "frei0r_h", ""),
                host("libpurple", "libpurple-dev", "/usr/include/libpurple/plugin.h", "-I/usr/include/libpurple " + glib,
                        "#include <plugin.h>", "gboolean purple_init_plugin(PurplePlugin *plugin);",
                        "purple_plugin_*", "PURPLE_*", "plugin_h", ""),
                host("WeeChat", "weechat-dev", "/usr/include/weechat/weechat-plugin.h", "",
                        "#include <weechat/weechat-plugin.h>",
                        "int weechat_plugin_init(struct t_weechat_plugin *plugin, int argc, char *argv[]);",
                        "weechat_*", "WEECHAT_*", "weechat_plugin_h", ""),
                host("Cyrus SASL", "libsasl2-dev", "/usr/include/sasl/saslplug.h", "",
                        "#include <sasl/sasl.h>\n#include <sasl/saslplug.h>",
                        "int sasl_server_plug_init(const sasl_utils_t *utils, int maxversion, int *out_version,"
                                + " sasl_server_plug_t **pluglist, int *plugcount);", "sasl_*", "SASL_*", "sasl_h", ""),
                host("collectd", "collectd-dev", "/usr/include/collectd/core/daemon/plugin.h",
                        "-I/usr/include/collectd/core -I/usr/include/collectd/core/daemon -I/usr/include/collectd",
                        "#include <collectd.h>\n#include <plugin.h>", "void module_register(void);",
                        "plugin_register_*", "LOG_*", "plugin_h", ""),
                host("OpenSSL providers", "libssl-dev", "/usr/include/openssl/core_dispatch.h", "",
                        "#include <openssl/core.h>\n#include <openssl/core_dispatch.h>",
                        "int OSSL_provider_init(const OSSL_CORE_HANDLE *handle, const OSSL_DISPATCH *in,"
                                + " const OSSL_DISPATCH **out, void **provctx);", "OSSL_*", "OSSL_*", "core_dispatch_h", ""),
                host("JNI", "a JDK", JAVA_HOME + "/include/jni.h",
                        "-I" + JAVA_HOME + "/include -I" + JAVA_HOME + "/include/linux",
                        "#include <jni.h>", "jint JNI_OnLoad_x(JavaVM *vm, void *reserved);", "JNI_*", "JNI_*",
                        "jni_h", ""),
                host("zlib", "zlib1g-dev", "/usr/include/zlib.h", "", "#include <zlib.h>", "int x_compress(z_stream *strm);",
                        "deflate*,inflate*", "Z_*", "zlib_h", "deflate"));
    }

    private static Arguments host(String name, String pkg, String probe, String options, String includes,
                                  String entryPoint, String functions, String constants, String expectedClass,
                                  String expectedMethod) {
        List<String> opts = options.isBlank() ? List.of() : List.of(options.split(" "));
        return Arguments.of(new Host(name, pkg, probe, opts, includes, entryPoint,
                functions.isBlank() ? List.of() : List.of(functions.split(",")), List.of(constants.split(",")),
                expectedClass, expectedMethod));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    void aHostsHeaderBuildsAndItsApiCompilesInJavaAndC(Host host) throws Exception {
        assertTrue(Files.isRegularFile(Path.of(host.probe())), host.name() + ": " + host.probe() + " is missing; install the"
                + " Debian package " + host.debianPackage() + " (.ci/run does)");
        Path header = dir.resolve("api.h");
        Files.writeString(header, host.includes() + "\n" + host.entryPoint() + "\n");
        List<String> log = new ArrayList<>();
        BuildLog buildLog = new BuildLog() {
            @Override public void info(String line) { log.add(line); }
            @Override public void warn(String line) { log.add(line); }
            @Override public void debug(String line) { }
        };
        HostRequest request = new HostRequest(host.functions(), List.of(), host.constants(), List.of(), Optional.empty());
        ApiModel model;
        try {
            model = Pipeline.readHeader(new Pipeline.HeaderRequest(dir, header, List.of(), "x", "gcc", Optional.empty(),
                    host.options(), request), buildLog);
        } catch (DiagnosticException e) {
            throw new AssertionError(host.name() + ": the header stage refused it:\n" + e.getMessage(), e);
        }
        assertEquals(1, model.functions().size(), "the entry point is the one exported function");
        assertTrue(host.functions().isEmpty() || !model.host().functions().isEmpty(), host.name()
                + ": no host function selected by " + host.functions());

        Path java = dir.resolve("java");
        Pipeline.generateJava(model, "x", java);
        Path classFile = java.resolve("x/" + host.expectedClass() + ".java");
        assertTrue(Files.isRegularFile(classFile), host.name() + ": no " + host.expectedClass() + ".java among "
                + listing(java.resolve("x")));
        if (!host.expectedMethod().isEmpty()) {
            assertTrue(Files.readString(classFile).contains(" " + host.expectedMethod() + "("), host.name() + ": "
                    + host.expectedClass() + " has no method " + host.expectedMethod());
        }
        javac(host, java);

        GlueRenderer glue = new GlueRenderer(new Templates());
        GlueRenderer.Library lib = new GlueRenderer.Library("x", "x.Bridge", List.of("-Xrs"), Optional.empty(),
                Optional.empty(), new GlueRenderer.RuntimeOptions(Optional.empty(), false, Optional.empty()),
                dir.resolve("image.jar"), "00", List.of(), Optional.empty());
        Path c = Files.createDirectories(dir.resolve("c"));
        Files.writeString(c.resolve("x_glue.c"), glue.renderGlue(model, List.of(), lib));
        Files.writeString(c.resolve("x_host.c"), glue.renderHost(model, Optional.empty(), Optional.empty()));
        Files.writeString(c.resolve("jembed_includes.h"), glue.renderIncludes("api.h", Optional.empty()));
        for (String f : List.of("jembed_runtime.h", "jembed_platform.h", "jembed_nonlocal.h")) {
            Files.write(c.resolve(f), Templates.resource(f));
        }
        String javaHome = System.getProperty("java.home");
        List<String> gcc = new ArrayList<>(List.of("gcc", "-std=gnu11", "-c", "-fPIC", "-Wall", "-Wextra", "-I" + c, "-I" + dir,
                "-I" + javaHome + "/include", "-I" + javaHome + "/include/linux"));
        gcc.addAll(host.options());
        List<String> glueCompile = new ArrayList<>(gcc);
        glueCompile.addAll(List.of("-Werror", "-o", c.resolve("glue.o").toString(), c.resolve("x_glue.c").toString()));
        ToolCall glueCall = ToolCall.run(glueCompile, dir);
        assertTrue(glueCall.succeeded(), host.name() + ": the glue does not compile with -Werror:\n" + glueCall.stderr());
        List<String> hostCompile = new ArrayList<>(gcc);
        hostCompile.addAll(List.of("-o", c.resolve("host.o").toString(), c.resolve("x_host.c").toString()));
        ToolCall hostCall = ToolCall.run(hostCompile, dir);
        assertTrue(hostCall.succeeded(), host.name() + ": the host file does not compile:\n" + hostCall.stderr());
    }

    private static void javac(Host host, Path java) throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.walk(java)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", java.resolveSibling("classes").toString(), "-cp",
                System.getProperty("java.class.path"), "-nowarn", "-proc:none"));
        args.addAll(sources);
        StringWriter out = new StringWriter();
        int status = compiler.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
            @Override public void write(int b) {
                out.write(b);
            }
        }), args.toArray(String[]::new));
        assertEquals(0, status, host.name() + ": the generated Java does not compile:\n" + out);
    }

    private static String listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "(nothing)";
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().toString();
        }
    }
}
