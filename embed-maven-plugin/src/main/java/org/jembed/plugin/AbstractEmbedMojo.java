package org.jembed.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;
import org.jembed.core.JdkCheck;
import org.apache.maven.project.MavenProject;
import org.jembed.core.BuildLog;
import org.jembed.core.Pipeline;
import org.jembed.core.host.HostRequest;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.platform.LibraryFiles;
import org.jembed.core.platform.LibraryVersion;
import org.jembed.core.platform.Platform;
import org.jembed.core.platform.PlatformLayout;
import org.jembed.core.platform.PlatformValues;
import org.jembed.core.platform.Toolset;

/** Parameters shared by the jembed goals, and the one place where their errors are worded. */
abstract class AbstractEmbedMojo extends AbstractMojo {

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /**
     * The library's name: it names the library's C symbols, its bridge class and the
     * <code>{LIBRARYNAME}_JVM_OPTIONS</code> variable, and by default its file
     * (<code>lib{libraryName}.so</code>, <code>{libraryName}.dll</code>, <code>lib{libraryName}.dylib</code>; see
     * {@link #libraryFileName}). Must be a C identifier. Default: the artifactId with {@code -} replaced by {@code _}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.libraryName")
    protected String libraryName;

    /**
     * The library file's base name when it is not {@link #libraryName} (CFFI: {@code target="plugin-1.5.*"}):
     * {@code plugin-1.5} gives {@code libplugin-1.5.so}, {@code plugin-1.5.dll}, {@code libplugin-1.5.dylib}, linked
     * with {@code -lplugin-1.5}. Letters, digits and {@code ._-+}; no {@code lib} prefix, no suffix.
     *
     * @since 0.3.0
     */
    @Parameter(property = "jembed.libraryFileName")
    protected String libraryFileName;

    /**
     * The library's version, one to three numbers such as {@code 1.5.2}, following the Linux convention for
     * versioned shared libraries: the file is <code>lib{base}.so.1.5.2</code>, its SONAME (what programs record)
     * <code>lib{base}.so.1</code>, with the symbolic links <code>lib{base}.so.1</code> and, for linking with
     * <code>-l{base}</code>, <code>lib{base}.so</code>. macOS: <code>lib{base}.1.dylib</code> with that install name,
     * {@code -compatibility_version 1.0.0 -current_version 1.5.2} and the link <code>lib{base}.dylib</code>. Windows:
     * <code>{base}-1.dll</code> (libtool's naming) with the import library <code>lib{base}.dll.a</code>. Unset: no
     * version in any name.
     *
     * @since 0.3.0
     */
    @Parameter(property = "jembed.libraryVersion")
    protected String libraryVersion;

    /**
     * The library file's whole name, for a host that loads a module by a fixed name: {@code jstr.so} (Lua's
     * {@code require "jstr"}), {@code jmod.node} (Node.js), {@code pam_java.so} (PAM), {@code mod_java.so} (Apache).
     * The file gets no {@code lib} prefix or platform suffix, and its SONAME is the same name; it replaces
     * {@link #libraryFileName} and cannot be combined with {@link #libraryVersion}. Letters, digits and
     * {@code ._-+}.
     *
     * @since 0.4.0
     */
    @Parameter(property = "jembed.outputFileName")
    protected String outputFileName;

    /**
     * The host's functions Java calls, by name or pattern ({@code *} any run of characters, {@code ?} one), from the
     * headers the API and internal headers include (jextract: {@code --include-function}):
     * {@code <hostFunction>lua_*</hostFunction>}. Each is a static method of the class of the header that declares it
     * ({@code lua_h.lua_pushinteger(L, 42)}), a downcall however the header declares it: an {@code extern} function,
     * a variable holding a function pointer (Redis modules' {@code RedisModule_ReplyWithLongLong}, read at each call),
     * a {@code static inline} function or a function-like macro ({@code lua_pop}, {@code lua_tostring}; the glue
     * wraps it in C, with parameter types inferred from its expansion). A name without a wildcard that matches
     * nothing carried is an error; what a pattern matches but cannot be carried is one note. Default: none.
     *
     * @since 0.4.0
     */
    @Parameter(property = "jembed.hostFunctions")
    protected List<String> hostFunctions = new ArrayList<>();

    /**
     * The host's variables Java reads and writes (names or patterns, as {@link #hostFunctions}): accessors in the
     * class of the header that declares them. Default: none.
     *
     * @since 0.4.0
     */
    @Parameter(property = "jembed.hostVariables")
    protected List<String> hostVariables = new ArrayList<>();

    /**
     * The host's object-like macros and enumerators Java sees as constants (names or patterns, as
     * {@link #hostFunctions}): {@code <hostConstant>LUA_T*</hostConstant>} gives {@code lua_h.LUA_TSTRING}, with the
     * value and type the compiler gives. The enumerators of an enum the API uses come without asking. Default: none.
     *
     * @since 0.4.0
     */
    @Parameter(property = "jembed.hostConstants")
    protected List<String> hostConstants = new ArrayList<>();

    /**
     * The host's structs, unions and typedefs that get a Java view (by tag or typedef name, or pattern, as
     * {@link #hostFunctions}). A struct the API or a host function passes, returns or points to comes without
     * asking. Default: none.
     *
     * @since 0.4.0
     */
    @Parameter(property = "jembed.hostTypes")
    protected List<String> hostTypes = new ArrayList<>();

    /**
     * How the host raises and catches its errors, which leave by a non-local exit ({@code longjmp}) that must never
     * cross Java frames: {@code lua} (errors are raised with {@code lua_error}/{@code luaL_error} and caught with
     * {@code lua_pcall}), {@code postgresql} ({@code ereport(ERROR)}, {@code PG_TRY}/{@code PG_CATCH}), or the path
     * of a header of the project's that defines the guard as macros: {@code JEMBED_GUARD_TRY},
     * {@code JEMBED_GUARD_CATCH(save)} (which calls {@code save(context, data, message)} with what it caught),
     * {@code JEMBED_GUARD_RERAISE(context, data)}, {@code JEMBED_GUARD_DISCARD(context, data)} and
     * {@code JEMBED_GUARD_RAISE(context, message)} (see {@code jembed_guard_postgresql.h}). With a guard, Java can
     * raise the host's error ({@code HostError.raise}) and call {@link #protectedFunctions}. Default: none.
     *
     * @since 0.4.0
     */
    @Parameter(property = "jembed.hostGuard")
    protected String hostGuard;

    /**
     * Host functions that may leave by the host's non-local exit (names or patterns, as {@link #hostFunctions}):
     * {@code luaL_check*}, PostgreSQL's {@code palloc}, {@code SPI_*}. Java calls each through a wrapper in the
     * host's guard ({@link #hostGuard}): a raised error becomes an {@code org.jembed.runtime.HostException} in Java,
     * and one that leaves the exported Java method is raised again in the host once Java has returned. They are host
     * functions too. Default: none.
     *
     * @since 0.4.0
     */
    @Parameter(property = "jembed.protectedFunctions")
    protected List<String> protectedFunctions = new ArrayList<>();

    /**
     * Host functions that never return but leave by the host's non-local exit (names or patterns): {@code lua_error}.
     * Java's call records the call and leaves Java with an {@code org.jembed.runtime.HostError}; the glue makes it
     * once the Java frames have returned. At most 6 parameters, none a struct by value, not variadic (for a message,
     * {@code HostError.raise}). They are host functions too. Default: none.
     *
     * @since 0.4.0
     */
    @Parameter(property = "jembed.raisingFunctions")
    protected List<String> raisingFunctions = new ArrayList<>();

    /**
     * The platform to build for, as os-maven-plugin names it: {@code linux-x86_64}, {@code linux-aarch_64},
     * {@code windows-x86_64}, {@code osx-x86_64}, {@code osx-aarch_64}, {@code linux-riscv64}, {@code linux-ppcle_64}.
     * Default: the build machine's. Another
     * platform is a cross build: the compiler is {@link #compiler} or the platform's conventional cross compiler
     * ({@code aarch64-linux-gnu-gcc}, {@code x86_64-w64-mingw32-gcc}); the JNI headers are the build JDK's
     * {@code jni.h} with jembed's own {@code jni_md.h} for the target; the library records no build JDK, and gets no
     * start-up cache and no bundled runtime (both need a JDK of the target); the C tests are compiled and run only
     * under {@code <testEmulator>}. Another platform's files go to a folder of their own, <code>target/{platform}/</code>
     * ({@code target/linux-aarch_64/libmy_plugin.so}, its {@code dist/}, {@code jembed-tests/}, glue and objects), so
     * builds for different platforms never mix files and need no {@code clean}. When set, only this platform is built,
     * whatever {@link #platforms} lists (e.g. one job of a CI matrix). See the site's Platforms page for what is tested
     * where.
     *
     * @since 0.3.0
     */
    @Parameter(property = "jembed.platform")
    protected String platform;

    /**
     * The platforms to build for in one build, e.g. {@code linux-x86_64,linux-aarch_64,windows-x86_64} (pom: one
     * {@code <platform>} element each): the library goal builds each (the build machine's into {@code target/},
     * another into <code>target/{platform}/</code>, as for {@link #platform}) and attaches each library and bundle with
     * its platform's classifier; the test goal runs the C tests of each where they can run (the build machine's
     * natively, another's under its {@code <testEmulator>}, else compiled only). The generate goal reads the header
     * for every platform and writes one set of Java views: when two platforms disagree on the Java of a declaration
     * the API uses (a function's Java signature, a struct's size or offsets, a constant's type or value: e.g. a
     * {@code long}, Java {@code long} on Linux but {@code int} on Windows) the build fails naming the declaration and
     * both platforms; use a fixed-width type ({@code int32_t}, {@code int64_t}) or build such a platform on its own.
     * Ignored when {@link #platform} is set. Unset: the build machine's platform alone.
     *
     * @since 0.3.0
     */
    @Parameter(property = "jembed.platforms")
    protected List<String> platforms = new ArrayList<>();

    /**
     * The API header: the functions it declares are the library's exported functions.
     * Default: <code>src/main/c/{libraryName}.h</code>.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.header")
    protected File header;

    /**
     * An internal header (CFFI: {@code extern "Python"} declarations): its functions are not exported. Each is either
     * implemented by an {@code @Export} Java method and called from user C (the glue defines it with hidden
     * visibility), or implemented in user C and called from Java through the generated class <code>{header}_h</code>.
     * It may include the API header.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.internalHeader")
    protected File internalHeader;

    /**
     * Extra include directories for the preprocessor and the C compiler (the header's folder is always searched).
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<File> includeDirectories = new ArrayList<>();

    /**
     * The Java package of the generated struct views and constants class. Default: the groupId followed by the
     * library name, e.g. {@code com.example.my_plugin}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.javaPackage")
    protected String javaPackage;

    /**
     * The C compiler driver. Default: {@code gcc} for the build machine's platform, else the target's conventional
     * cross compiler ({@code aarch64-linux-gnu-gcc} for {@code linux-aarch_64}, {@code x86_64-w64-mingw32-gcc} for
     * {@code windows-x86_64}); {@code nm}, {@code objdump} and {@code ar} are taken with the same prefix. For a build
     * of several {@link #platforms}, name the platform of each: <code>{platform}={compiler}</code> entries separated by
     * {@code ;}, e.g. {@code osx-aarch_64=oa64-clang; linux-aarch_64=aarch64-linux-gnu-gcc-12} (a platform not named
     * gets its default).
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.compiler")
    protected String compiler;

    /**
     * The JDK the library is built against and its C tests run on: its {@code include/} gives the JNI headers, and
     * its libjvm is where the library looks for a JVM after {@code JEMBED_JAVA_HOME} and a runtime bundled beside it
     * (not for a cross build: see {@link #platform}). Must be Java 22 or newer. Default: the JDK of the {@code jdk} toolchain chosen by
     * maven-toolchains-plugin, else Maven's own JDK when it is 22+, else the first {@code jdk} toolchain of
     * {@code ~/.m2/toolchains.xml} whose version is 22+.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.javaHome")
    protected File javaHome;

    /** The build session, for toolchains. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Component
    private ToolchainManager toolchainManager;

    /**
     * The JDK to build and test with (see {@link #javaHome}), checked.
     *
     * @throws MojoFailureException when no JDK 22+ is found, or <code>{javaHome}</code> is not one
     */
    protected Path javaHome() throws MojoFailureException {
        if (javaHome != null) {
            return checkedJdk(javaHome.toPath(), "<javaHome>");
        }
        Toolchain chosen = toolchainManager.getToolchainFromBuildContext("jdk", session);
        if (chosen != null) {
            Path home = toolchainHome(chosen);
            if (home != null) {
                return checkedJdk(home, "the jdk toolchain " + chosen);
            }
        }
        Path maven = Path.of(System.getProperty("java.home"));
        if (JdkCheck.feature(maven).orElse(0) >= JdkCheck.MINIMUM_FEATURE) {
            return maven;
        }
        List<Toolchain> candidates = toolchainManager.getToolchains(session, "jdk",
                Map.of("version", "[" + JdkCheck.MINIMUM_FEATURE + ",)"));
        for (Toolchain t : candidates) {
            Path home = toolchainHome(t);
            if (home != null && JdkCheck.feature(home).orElse(0) >= JdkCheck.MINIMUM_FEATURE) {
                getLog().info("Using the JDK " + home + " of the jdk toolchain " + t);
                return home;
            }
        }
        throw new MojoFailureException("Maven runs on Java " + Runtime.version().feature() + " (" + maven
                + ") and no JDK " + JdkCheck.MINIMUM_FEATURE + "+ is configured: set <javaHome>, or declare one in "
                + "~/.m2/toolchains.xml (<type>jdk</type>, <version>" + JdkCheck.MINIMUM_FEATURE + "</version>, "
                + "<jdkHome>...</jdkHome>), or run Maven on a JDK " + JdkCheck.MINIMUM_FEATURE + "+");
    }

    private static Path toolchainHome(Toolchain toolchain) {
        String javac = toolchain.findTool("javac");
        if (javac == null) {
            return null;
        }
        Path bin = Path.of(javac).toAbsolutePath().getParent();
        return bin == null ? null : bin.getParent();
    }

    private static Path checkedJdk(Path home, String what) throws MojoFailureException {
        try {
            JdkCheck.requireJni(home);
        } catch (IOException e) {
            throw new MojoFailureException(what + ": " + e.getMessage());
        }
        return home;
    }

    /**
     * Extra C compiler options, after jembed's defaults ({@code -std=gnu11 -O2 -g -Wall -Wextra}, and except on Windows
     * {@code -fPIC -fvisibility=hidden});
     * the API header is also preprocessed and probed with them ({@code -D}, {@code -I}).
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<String> compilerOptions = new java.util.ArrayList<>();

    /** The library name, checked. */
    protected String libraryName() throws MojoFailureException {
        String name = libraryName != null ? libraryName : project.getArtifactId().replace('-', '_').replace('.', '_');
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new MojoFailureException("<libraryName> must be a C identifier, got '" + name + "'; use '"
                    + name.replaceAll("[^A-Za-z0-9_]", "_").replaceFirst("^([0-9])", "_$1") + "'");
        }
        return name;
    }

    /**
     * The platforms of this build and their tools, checked, in order: {@link #platform} alone when set, else
     * {@link #platforms}, else the build machine's platform.
     *
     * @throws MojoFailureException when a platform is unknown or listed twice, {@code <compiler>} is malformed or does
     *                              not say which platform it is for, or a compiler is missing (naming the platform,
     *                              and the Debian package of a cross compiler)
     */
    protected List<Toolset> toolsets() throws MojoFailureException {
        Platform host;
        try {
            host = Platform.detect();
        } catch (IllegalStateException e) {
            throw new MojoFailureException(e.getMessage());
        }
        List<Platform> targets = new ArrayList<>();
        try {
            if (platform != null && !platform.isBlank()) {
                targets.add(Platform.parse(platform));
            } else {
                for (String p : platforms) {
                    if (p == null || p.isBlank()) {
                        continue;
                    }
                    Platform parsed = Platform.parse(p);
                    if (targets.contains(parsed)) {
                        throw new MojoFailureException("<platforms> (jembed.platforms) lists " + parsed + " twice");
                    }
                    targets.add(parsed);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException((platform != null && !platform.isBlank() ? "<platform> (jembed.platform): "
                    : "<platforms> (jembed.platforms): ") + e.getMessage());
        }
        if (targets.isEmpty()) {
            targets.add(host);
        }
        List<Toolset> toolsets = new ArrayList<>();
        try {
            PlatformValues compilers = PlatformValues.parse("compiler", compiler);
            for (Platform target : targets) {
                Toolset tools = Toolset.of(target, host, compilers.of(target, targets));
                String missing = tools.missingCompiler().orElse(null);
                if (missing != null) {
                    throw new MojoFailureException(missing);
                }
                toolsets.add(tools);
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
        return toolsets;
    }

    /**
     * The target platform and its tools, checked, for a goal that builds one platform: the first of
     * {@link #toolsets()}.
     */
    protected Toolset toolset() throws MojoFailureException {
        return toolsets().get(0);
    }

    /** Where {@code tools}' platform puts its files in this project's build directory. */
    protected PlatformLayout layout(Toolset tools) {
        return PlatformLayout.of(tools, Path.of(project.getBuild().getDirectory()));
    }

    /**
     * The library's file names on {@code target}, from {@link #libraryFileName} (default: the library name) and
     * {@link #libraryVersion}.
     *
     * @throws MojoFailureException naming the pom element when either is malformed
     */
    protected LibraryFiles libraryFiles(Platform target) throws MojoFailureException {
        if (outputFileName != null && !outputFileName.isBlank()) {
            if (libraryVersion != null && !libraryVersion.isBlank()) {
                throw new MojoFailureException("<outputFileName> names the whole file, so it cannot take <libraryVersion>;"
                        + " remove one of them");
            }
            try {
                return target.exactFile(outputFileName.strip());
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException("<outputFileName>: " + e.getMessage());
            }
        }
        String base = libraryFileName != null ? libraryFileName.strip() : libraryName();
        try {
            LibraryFiles.requireBaseName(base);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<libraryFileName>: " + e.getMessage());
        }
        java.util.Optional<LibraryVersion> version;
        try {
            version = libraryVersion == null || libraryVersion.isBlank() ? java.util.Optional.empty()
                    : java.util.Optional.of(LibraryVersion.parse(libraryVersion));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<libraryVersion>: " + e.getMessage() + "; e.g. <libraryVersion>1.5.2"
                    + "</libraryVersion>");
        }
        return target.files(base, version);
    }

    /** The header request every goal starts from, for the first platform of the build. */
    protected Pipeline.HeaderRequest headerRequest() throws MojoFailureException {
        return headerRequest(toolset());
    }

    /** The header request for the platform of {@code tools}: the header read by its compiler. */
    protected Pipeline.HeaderRequest headerRequest(Toolset tools) throws MojoFailureException {
        String name = libraryName();
        File h = header != null ? header : new File(project.getBasedir(), "src/main/c/" + name + ".h");
        if (!h.isFile()) {
            throw new MojoFailureException("API header " + h + " does not exist; create it or set <header> to the header "
                    + "that declares the functions to export");
        }
        if (internalHeader != null && !internalHeader.isFile()) {
            throw new MojoFailureException("<internalHeader> " + internalHeader + " does not exist; create it or remove"
                    + " the parameter");
        }
        return new Pipeline.HeaderRequest(project.getBasedir().toPath(), h.toPath(),
                includeDirectories.stream().map(File::toPath).toList(), javaPackage(name), tools.compiler(),
                java.util.Optional.ofNullable(internalHeader).map(File::toPath), List.copyOf(compilerOptions),
                new HostRequest(hostFunctions, hostVariables, hostConstants, hostTypes,
                        java.util.Optional.ofNullable(project.getFile()).map(File::toPath), protectedFunctions,
                        raisingFunctions, hostGuard == null ? "" : hostGuard));
    }

    private String javaPackage(String name) throws MojoFailureException {
        String pkg = javaPackage != null ? javaPackage
                : project.getGroupId().replaceAll("[^A-Za-z0-9_.]", "_") + "." + name;
        if (!pkg.matches("([A-Za-z_][A-Za-z0-9_]*)(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
            throw new MojoFailureException("<javaPackage> must be a Java package name, got '" + pkg + "'");
        }
        return pkg;
    }

    /** Logs every diagnostic as the compiler would print it and turns them into a build failure. */
    protected MojoFailureException failure(DiagnosticException e, String what) {
        for (Diagnostic d : e.diagnostics()) {
            if (d.severity() == Diagnostic.Severity.ERROR) {
                getLog().error(d.toString());
            } else {
                getLog().warn(d.toString());
            }
        }
        long errors = e.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
        // the diagnostics were just logged, each once; the failure only counts them
        return new MojoFailureException(what + ": " + errors + (errors == 1 ? " error" : " errors") + " (see above)");
    }

    /** The Maven log as the core's log. */
    protected BuildLog buildLog() {
        return new BuildLog() {
            @Override public void info(String line) { getLog().info(line); }
            @Override public void warn(String line) { getLog().warn(line); }
            @Override public void debug(String line) { getLog().debug(line); }
        };
    }

    /** {@code path} relative to the project, for log lines. */
    protected Path rel(Path path) {
        return Pipeline.relativize(project.getBasedir().toPath(), path);
    }
}
