package org.jembed.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;
import org.jembed.core.BuildLog;
import org.jembed.core.LibraryNameCheck;
import org.jembed.core.Pipeline;
import org.jembed.core.dist.Bundle;
import org.jembed.core.dist.RuntimeImage;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.nativebuild.NativeBuilder;
import org.jembed.core.platform.LibraryFiles;
import org.jembed.core.platform.PlatformLayout;
import org.jembed.core.platform.Toolset;

/**
 * Builds the shared library (<code>lib{name}.so</code>, <code>{name}.dll</code> or <code>lib{name}.dylib</code> for
 * the target {@code <platform>}; see {@code <libraryFileName>} and {@code <libraryVersion>}): checks that every exported function has exactly one {@code @Export} method of a
 * compatible signature, generates the bridge, freezes the classes (the project's, its runtime dependencies and
 * the jembed runtime) into the library, renders the C glue, compiles and links it with the project's own C
 * ({@code src/main/c/*.c}), and attaches the library with the platform's classifier such as {@code linux-x86_64}.
 * With {@code <platforms>} it does so for each platform in turn, logging one line per platform; the first platform that
 * fails fails the build, named. Another platform than the build machine's builds into <code>target/{platform}/</code>.
 * Nothing is compiled or linked again when nothing it depends on changed (sources, headers, compiler, options).
 *
 * @since 0.1.0
 */
@Mojo(name = "library", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class LibraryMojo extends AbstractEmbedMojo {

    /**
     * The project's own C sources, compiled into the library (CFFI: {@code set_source}).
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.basedir}/src/main/c", required = true)
    private File cSourceDirectory;

    /**
     * Where the glue sources are generated, for the build machine's platform; another platform's go to the same
     * place below <code>target/{platform}/</code> (default
     * <code>target/{platform}/generated-sources/jembed/c</code>).
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/jembed/c", required = true)
    private File generatedCDirectory;

    /**
     * Options for a JVM the library creates, after jembed's defaults ({@code -Xrs}, {@code -XX:+UseSerialGC},
     * {@code -Xms8m}, {@code -XX:-UsePerfData}); a later option wins, e.g. {@code -Xmx256m}; another collector needs {@code -XX:-UseSerialGC} first
     * ({@code -XX:-UseSerialGC -XX:+UseG1GC}: two selected collectors stop the JVM's creation). Ignored when
     * the library joins a JVM that already runs in the process.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<String> jvmOptions = new ArrayList<>();

    /**
     * For hosts whose processes live for a call or a few (an NSS module, loaded by every {@code ls}, {@code id},
     * {@code getent}; a PAM module inside {@code su} or {@code login}; a CGI program): a JVM the library creates then
     * runs interpreted, with no JIT compiler threads and no attach listener ({@code -Xint
     * -XX:+DisableAttachMechanism}, after jembed's defaults and before {@link #jvmOptions}, which may override them).
     * Measured on {@code getent passwd} with an NSS module: 8 threads instead of 11, 39 MB RSS instead of 49 MB, 25-40 %
     * less time (the site's page "PAM and NSS modules" has the figures). Leave it off for a host that calls often in a
     * long-lived process (a server, {@code nscd}): there the compiled code pays back.
     *
     * @since 0.2.0
     */
    @Parameter(property = "jembed.shortLived", defaultValue = "false")
    private boolean shortLived;

    /**
     * Extra linker options, after the objects and the platform's system libraries ({@code -ldl -lpthread} on Linux),
     * e.g. {@code -lm} for libraries user C needs.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<String> linkerOptions = new ArrayList<>();

    /**
     * Whether the program that loads the library provides the symbols it leaves undefined: a plugin of Lua,
     * PostgreSQL, Redis or Apache calls the host's API, which the host executable itself defines, and must not link
     * the host's library. The library then links without {@code -Wl,-z,defs} ({@code -undefined dynamic_lookup} on
     * macOS); a DLL cannot be linked that way (Windows: link the host's import library with {@link #linkerOptions}).
     * When a link fails on an undefined symbol, the error says so. Default: {@code false}, every symbol must be
     * resolved at link time.
     *
     * @since 0.4.0
     */
    @Parameter(property = "jembed.hostProvidesSymbols", defaultValue = "false")
    private boolean hostProvidesSymbols;

    /**
     * Symbols of user C that the host looks up by name ({@code dlsym}), exported besides the API (names, or patterns
     * with {@code *}): a definition the host's own macro writes without a visibility attribute is exported too. The
     * names hosts are known to look up are always exported when user C defines them ({@code Pg_magic_func},
     * {@code pg_finfo_*}, {@code _PG_init}, {@code luaopen_*}, {@code RedisModule_OnLoad}, {@code _nss_*},
     * {@code pam_sm_*}, {@code PyInit_*}, ...). A name listed without a wildcard that the built library does not
     * export fails the build. On Windows mark the definitions {@code JEMBED_VISIBLE}.
     *
     * @since 0.4.0
     */
    @Parameter
    private List<String> exportedSymbols = new ArrayList<>();

    /**
     * When set, the library also exports <code>int {startFunction}(void)</code>, which starts the runtime at once and
     * returns 0, or -1 when start failed (CFFI: {@code cffi_start_python}).
     *
     * @since 0.1.0
     */
    @Parameter
    private String startFunction;

    /**
     * Whether JVM options may also come from the environment variable named after the library,
     * <code>{LIBRARYNAME}_JVM_OPTIONS</code> (e.g. {@code MY_PLUGIN_JVM_OPTIONS=-Xmx64m}); they follow the pom's
     * {@link #jvmOptions}. Set to {@code false} to forbid. Never read in secure mode (a privileged process, or
     * {@link #trustEnvironment} {@code false}).
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "true")
    private boolean jvmOptionsFromEnvironment;

    /**
     * Strict mode: refuse to create a JVM (the start fails, with a diagnostic) while {@code JAVA_TOOL_OPTIONS} or
     * {@code _JAVA_OPTIONS} is set, since an embedded JVM reads both and {@code _JAVA_OPTIONS} overrides the pom's
     * options. Off by default: the variables are honoured and listed in start-failure diagnostics.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "false")
    private boolean strictEnvironment;

    /**
     * Whether the library may take anything from the environment. Set to {@code false} for a library loaded by hosts
     * whose environment other users influence, above all PAM modules (loaded by {@code su}, {@code sudo},
     * {@code passwd}, {@code sshd}) and NSS modules (loaded by every process that looks up a user): the library then
     * runs in secure mode in every process, as it always does in a privileged one (set-user-ID, set-group-ID, file
     * capabilities): it reads none of {@code JEMBED_JAVA_HOME}, {@code JAVA_HOME},
     * <code>{LIBRARYNAME}_JVM_OPTIONS</code>, {@code JEMBED_TRACE}; it loads libjvm only from a runtime bundled beside
     * the library or the build JDK, and only when no user but root or the library's owner can replace that file or a
     * directory above it; it hides {@code JAVA_TOOL_OPTIONS} and {@code _JAVA_OPTIONS} from a JVM it creates (on
     * Windows, where it cannot, it refuses to create one while either is set). In a privileged process the variables it
     * would have used are named once on stderr; in any other process nothing is printed. See the site's Security page.
     *
     * @since 0.2.0
     */
    @Parameter(defaultValue = "true")
    private boolean trustEnvironment;

    /**
     * When set, the library also exports <code>int {shutdownFunction}(void)</code>: later calls return their error value,
     * and when no other jembed library uses the JVM and a jembed library created it, the JVM is destroyed (shutdown
     * hooks run). A JVM cannot be created again in the same process. Returns 0, or -1 when not started.
     *
     * @since 0.1.0
     */
    @Parameter
    private String shutdownFunction;

    /**
     * How long, in seconds, Java's shutdown sequence may take when the host process exits the ordinary way
     * ({@code exit()} from any thread, a return from {@code main}) or the last library's {@link #shutdownFunction}
     * destroys the JVM: a library that created the JVM then runs the application's shutdown hooks, the JDK's own
     * ({@code File.deleteOnExit}), JFR's dump on exit, and flushes {@code System.out}/{@code System.err}, on a thread
     * of its own. A hook still running after this long is left behind with one line on stderr naming its thread, and the
     * exit goes on with its status (the whole sequence takes at most a second more). 0: nothing runs at exit (as before
     * 0.2.0). Nothing runs after {@code _exit()}, {@code abort()} or a fatal signal, in the child of a {@code fork()}, in
     * a JVM the library joined, or on Windows. See the site's "Threads and failures".
     *
     * @since 0.2.0
     */
    @Parameter(property = "jembed.exitTimeout", defaultValue = "5")
    private int exitTimeout;

    /**
     * The library's default {@code onError} handler: the binary name of a public class of the project (e.g.
     * {@code com.example.Replies}) whose {@code public static} methods handle what every exported function throws
     * whose {@code @Export} names no handler of its own. For a function whose Java method takes {@code (P1, P2...)} and
     * returns {@code R}, the handler is the class's one method {@code R name(Throwable t, P1 a, P2 b...)} (the call's
     * arguments: it can reply to the host, push an error, set {@code errno}), else its one method
     * {@code R name(Throwable t)}, whatever their names; what it returns goes to C. A function the class has no such
     * method for, or two, fails the build, positioned at its C declaration. See
     * {@code org.jembed.runtime.Export#onError()}.
     *
     * @since 0.2.0
     */
    @Parameter
    private String errorHandler;

    /**
     * How the exported functions call Java: {@code auto} (JNI from the first call; after 10,000 calls, a background
     * daemon thread builds FFM upcall stubs, ~100 ms of one core and ~15 MB, and swaps them in: ~2-3 times cheaper
     * calls), {@code jni} (JNI only: no background work, least memory, for short-lived hosts) or {@code ffm} (stubs
     * built during the start: the first call returns later, every call is an FFM upcall).
     *
     * @since 0.2.0
     */
    @Parameter(property = "jembed.dispatch", defaultValue = "auto")
    private String dispatch;

    /**
     * Also produce a start-up cache beside the library: a JDK AOT cache ({@code -XX:AOTCache}, JDK 25+) of the JDK
     * classes the library's start loads, made by a training run during the build, named
     * <code>lib{name}.{hash}.aot</code> (the hash covers the frozen classes, the JVM options and the JDK, so a stale
     * cache is never picked up). Costs 2-8 s of build time and 9-11 MB on disk; a failed training run is a warning.
     * The library passes it to a JVM it creates from the build JDK when the file sits beside it (trusted, and no
     * {@code -XX:AOT...}/{@code -Xshare} option of its own); the site's Performance page has its measured effect.
     *
     * @since 0.2.0
     */
    @Parameter(property = "jembed.startupCache", defaultValue = "false")
    private boolean startupCache;

    /**
     * The classifier of the attached library. Default: the target {@code <platform>}, <code>{os}-{arch}</code>, e.g.
     * {@code linux-x86_64} or {@code linux-aarch_64} (os-maven-plugin's {@code os.detected.classifier} spelling). Only
     * for a build of one platform: a build of several {@code <platforms>} attaches each with its platform's.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.classifier")
    private String classifier;

    /**
     * Whether to write the consumer bundle: {@code target/dist/} with <code>include/{name}.h</code>,
     * <code>lib/lib{name}.so</code> (and its versioned file and links; on Windows <code>bin/{name}.dll</code> and the
     * import library <code>lib/lib{name}.dll.a</code>), <code>lib/pkgconfig/{name}.pc</code> and the CMake package
     * <code>lib/cmake/{name}/{name}Config.cmake</code> (imported target <code>{name}::{name}</code>), packed as
     * <code>{artifactId}-{version}-{os}-{arch}-dist.tar.gz</code> and attached with classifier <code>{os}-{arch}-dist</code>.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.bundle", defaultValue = "true")
    private boolean bundle;

    /**
     * Where the consumer bundle is laid out, for the build machine's platform; another platform's is
     * <code>target/{platform}/dist</code> (the same place below <code>target/{platform}/</code>). The archives of all
     * are in {@code target/}, named by their classifiers.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/dist", required = true)
    private File distDirectory;

    /**
     * Also writes the static archive <code>target/lib{name}.a</code> (the glue, the runtime helper, the frozen classes and
     * the project's C) for a C program to link into itself (CFFI: {@code emit_c_code}); link it with the platform's
     * system libraries ({@code -ldl -lpthread} on Linux). The bundle carries it as <code>lib/lib{name}.a</code> and the CMake target
     * <code>{name}::{name}_static</code>.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.staticLibrary", defaultValue = "false")
    private boolean staticLibrary;

    /**
     * Bundles a Java runtime: {@code jlink} links the modules the frozen classes use (found by {@code jdeps}) plus
     * {@link #runtimeModules} into {@code lib/jre/} of the bundle ({@code --strip-debug --no-man-pages
     * --no-header-files --generate-cds-archive}), where the library looks right after {@code JEMBED_JAVA_HOME}
     * ({@code jre/} beside the library, e.g. {@code $ORIGIN/jre}): the bundle then runs on machines without a JDK.
     * Only for the build machine's platform (jlink links the build JDK); a cross build skips it with a warning.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.bundleRuntime", defaultValue = "false")
    private boolean bundleRuntime;

    /**
     * Modules to add to the bundled runtime beyond those {@code jdeps} finds: modules reached only by reflection or
     * service loading, or tools such as {@code jdk.jdwp.agent} (debugging) and {@code jdk.jfr}.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<String> runtimeModules = new ArrayList<>();

    /**
     * The date of the bundle's archive entries; Maven's reproducible-build property (ISO-8601 or seconds since the
     * epoch). Unset: 1970-01-01T00:00:00Z.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /**
     * Skips building the library.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.library.skip", defaultValue = "false")
    private boolean skip;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the library (jembed.library.skip).");
            return;
        }
        List<Toolset> toolsets = toolsets();
        boolean several = toolsets.size() > 1;
        if (several && classifier != null) {
            throw new MojoFailureException("<classifier> (jembed.classifier) names the one library of a build for one"
                    + " platform; this build is for " + classifiers(toolsets) + ", each attached with its platform's"
                    + " classifier: remove <classifier>, or build one platform (-Djembed.platform=...)");
        }
        if (platform != null && !platform.isBlank() && platforms.stream().anyMatch(p -> p != null && !p.isBlank())) {
            getLog().info("Building for " + toolsets.get(0).target() + " only (<platform>), not for every one of"
                    + " <platforms> (" + String.join(", ", platforms) + ")");
        }
        requireIdentifier("startFunction", startFunction);
        requireIdentifier("shutdownFunction", shutdownFunction);
        Path jdk = javaHome();
        Path classes = Path.of(project.getBuild().getOutputDirectory());
        List<Path> runtime = new ArrayList<>();
        try {
            for (String element : project.getRuntimeClasspathElements()) {
                Path p = Path.of(element);
                if (!p.toAbsolutePath().normalize().equals(classes.toAbsolutePath().normalize())) {
                    runtime.add(p);
                }
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("runtime dependencies are not resolved", e);
        }
        for (int i = 0; i < toolsets.size(); i++) {
            Toolset tools = toolsets.get(i);
            // A build of several platforms logs each stage once, for its first platform, then one line per platform.
            BuildLog log = i == 0 ? buildLog() : detailsAtDebug();
            try {
                build(tools, several, jdk, classes, runtime, log);
            } catch (MojoFailureException e) {
                if (!several) {
                    throw e;
                }
                throw new MojoFailureException("The library for " + tools.target() + " failed to build (this build is"
                        + " for " + classifiers(toolsets) + "): " + e.getMessage(), e);
            } catch (MojoExecutionException e) {
                if (!several) {
                    throw e;
                }
                throw new MojoExecutionException("The library for " + tools.target() + " failed to build: "
                        + e.getMessage(), e);
            }
        }
    }

    private static String classifiers(List<Toolset> toolsets) {
        return String.join(", ", toolsets.stream().map(t -> t.target().classifier()).toList());
    }

    /** The build log with its information lines at debug level: warnings and errors still show. */
    private BuildLog detailsAtDebug() {
        return new BuildLog() {
            @Override public void info(String line) { getLog().debug(line); }
            @Override public void warn(String line) { getLog().warn(line); }
            @Override public void debug(String line) { getLog().debug(line); }
        };
    }

    /** Builds, attaches and bundles the library of one platform, its files in that platform's own folders. */
    private void build(Toolset tools, boolean several, Path jdk, Path classes, List<Path> runtime, BuildLog log)
            throws MojoExecutionException, MojoFailureException {
        Pipeline.HeaderRequest header = headerRequest(tools);
        String name = libraryName();
        LibraryFiles files = libraryFiles(tools.target());
        PlatformLayout layout = layout(tools);
        String clash = LibraryNameCheck.collision(files.base(), libraryFileName != null ? "libraryFileName" : "libraryName",
                tools.target(), tools.host(), jdk, project.getFile().toPath()).orElse(null);
        if (clash != null) {
            throw new MojoFailureException(clash);
        }
        if (tools.cross() && !several) {
            getLog().info("Cross-building for " + tools.target() + " with " + tools.compiler() + " on " + tools.host());
        }
        Pipeline.LibraryRequest request = new Pipeline.LibraryRequest(header, name, classes, runtime,
                layout.directory(), layout.relocate(generatedCDirectory.toPath()), userCSources(),
                jdk, shortLived ? concat(Pipeline.SHORT_LIVED_JVM_OPTIONS, jvmOptions) : jvmOptions, compilerOptions,
                linkerOptions, Optional.ofNullable(startFunction), runtimeRequest(name), javaSourceRoots(), staticLibrary,
                tools, files, hostProvidesSymbols, List.copyOf(exportedSymbols));
        Pipeline.LibraryResult result;
        try {
            result = Pipeline.buildLibrary(request, log);
        } catch (DiagnosticException e) {
            throw failure(e, "the bindings of " + rel(header.header()) + " do not check");
        } catch (NativeBuilder.NativeBuildFailure e) {
            throw new MojoFailureException(e.getMessage() + " (the compiler's messages are above)", e);
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        String classifier = this.classifier != null ? this.classifier : tools.target().classifier();
        NativeBuilder.Result built = result.nativeBuild();
        List<String> extra = new ArrayList<>();
        built.symlinks().forEach(l -> extra.add(rel(l) + " -> " + readLink(l)));
        built.importLibrary().ifPresent(i -> extra.add("import library " + rel(i)));
        built.staticLibrary().ifPresent(a -> extra.add(rel(a).toString()));
        String line = "Built " + rel(result.library()) + " for " + tools.target()
                + (several && tools.cross() ? " with " + tools.compiler() : "") + " (" + result.bindings()
                + " exported function(s), native build " + built.duration().toMillis() + " ms: " + built.summary() + ")"
                + (extra.isEmpty() ? "" : "; " + String.join(", ", extra));
        projectHelper.attachArtifact(project, tools.target().artifactExtension(), classifier, result.library().toFile());
        result.startupCache().ifPresent(c -> getLog().info("Wrote the start-up cache " + rel(c.cache()) + " ("
                + c.bytes() / 1024 + " KiB, " + c.duration().toMillis() + " ms): ship it beside the library (the bundle does)"));
        if (!bundle) {
            getLog().info(line);
            if (!several) {
                getLog().info("Compile against it: cc -I" + rel(header.header().toAbsolutePath().getParent()) + " app.c -L"
                        + rel(result.library().toAbsolutePath().getParent()) + " " + files.linkFlag());
            }
            return;
        }
        if (!several) {
            getLog().info(line);
        }
        Optional<Path> jre = Optional.empty();
        if (bundleRuntime && tools.cross()) {
            getLog().warn("No bundled runtime for " + tools.target() + ": <bundleRuntime> jlinks the build JDK, which"
                    + " runs only on " + tools.host() + "; the bundle's library looks for a JDK at run time");
        } else if (bundleRuntime) {
            List<Path> frozen = new ArrayList<>(List.of(classes));
            frozen.addAll(runtime);
            try {
                RuntimeImage.Result image = RuntimeImage.build(new RuntimeImage.Request(jdk, frozen, runtimeModules,
                        layout.directory().resolve("jembed").resolve("jre")), log);
                log.info((image.reused() ? "Kept" : "Linked") + " the bundled runtime "
                        + rel(image.image()) + ": " + String.join(",", image.modules()) + " ("
                        + image.bytes() / (1024 * 1024) + " MiB)");
                jre = Optional.of(image.image());
            } catch (IOException e) {
                throw new MojoExecutionException("bundling a Java runtime failed: " + e.getMessage(), e);
            }
        }
        if (jre.isPresent() && result.startupCache().isPresent()) {
            log.info("The start-up cache is not bundled: the library uses it only with the build JDK's libjvm,"
                    + " and the bundle brings its own runtime (jre/ beside the library, with its own CDS archive)");
        }
        String base = project.getArtifactId() + "-" + project.getVersion() + "-" + classifier + "-dist";
        Bundle.Result dist;
        try {
            dist = Bundle.write(new Bundle.Request(name, project.getVersion(),
                    Optional.ofNullable(project.getDescription()).orElse(files.file() + ", a jembed library"),
                    header.header(), files, result.library(), built.importLibrary(), built.staticLibrary(), jre,
                    result.startupCache().map(c -> c.cache()), layout.relocate(distDirectory.toPath()),
                    Path.of(project.getBuild().getDirectory(), base + ".tar.gz"), timestamp(),
                    project.getArtifactId() + "-" + project.getVersion()));
        } catch (IOException e) {
            throw new MojoExecutionException("writing the consumer bundle failed: " + e.getMessage(), e);
        }
        projectHelper.attachArtifact(project, "tar.gz", classifier + "-dist", dist.archive().toFile());
        Path dir = rel(dist.directory());
        if (several) {
            getLog().info(line + "; bundle " + dir + ", " + rel(dist.archive()));
            return;
        }
        getLog().info("Wrote " + dir + " and " + rel(dist.archive()) + " (include/, lib/, pkg-config, CMake package)");
        getLog().info("Compile against it: cc app.c $(PKG_CONFIG_PATH=" + dir + "/lib/pkgconfig pkg-config --cflags --libs "
                + name + ")  |  CMake: find_package(" + name + ") with -D" + name + "_DIR=" + dir + "/lib/cmake/" + name
                + ", target_link_libraries(app " + name + "::" + name + ")");
    }

    private static List<String> concat(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private Instant timestamp() throws MojoFailureException {
        if (outputTimestamp == null || outputTimestamp.isBlank() || outputTimestamp.length() < 2) {
            return Instant.EPOCH;
        }
        try {
            if (outputTimestamp.matches("\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(outputTimestamp));
            }
            return OffsetDateTime.parse(outputTimestamp).toInstant();
        } catch (RuntimeException e) {
            throw new MojoFailureException("project.build.outputTimestamp '" + outputTimestamp
                    + "' is neither ISO-8601 (2025-01-01T00:00:00Z) nor seconds since the epoch");
        }
    }

    private static void requireIdentifier(String parameter, String value) throws MojoFailureException {
        if (value != null && !value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new MojoFailureException("<" + parameter + "> must be a C identifier, got '" + value + "'");
        }
    }

    private List<Path> userCSources() throws MojoExecutionException {
        if (!cSourceDirectory.isDirectory()) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(cSourceDirectory.toPath())) {
            return list.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot list " + cSourceDirectory, e);
        }
    }

    private Pipeline.RuntimeRequest runtimeRequest(String name) throws MojoFailureException {
        try {
            return new Pipeline.RuntimeRequest(
                    jvmOptionsFromEnvironment ? Optional.of(name.toUpperCase(Locale.ROOT) + "_JVM_OPTIONS") : Optional.empty(),
                    strictEnvironment, Optional.ofNullable(shutdownFunction), dispatch, trustEnvironment, startupCache,
                    Optional.ofNullable(errorHandler), exitTimeout);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    private List<Path> javaSourceRoots() {
        return project.getCompileSourceRoots().stream().map(Path::of).toList();
    }
}
