package org.jembed.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jembed.core.aot.StartupCache;
import org.jembed.core.bind.BindingChecker;
import org.jembed.core.bind.BridgeGenerator;
import org.jembed.core.bind.ExportScanner;
import org.jembed.core.freeze.Freezer;
import org.jembed.core.glue.GlueRenderer;
import org.jembed.core.glue.JavaRenderer;
import org.jembed.core.glue.Templates;
import org.jembed.core.header.HeaderParser;
import org.jembed.core.header.MacroSignatures;
import org.jembed.core.header.Preprocessor;
import org.jembed.core.header.Probe;
import org.jembed.core.host.ConstantCandidates;
import org.jembed.core.host.HostRequest;
import org.jembed.core.host.HostSelection;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.CType;
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.model.FunctionDecl;
import org.jembed.core.model.HostApi;
import org.jembed.core.model.HostFunction;
import org.jembed.core.model.MacroDecl;
import org.jembed.core.model.SourcePos;
import org.jembed.core.model.PrimKind;
import org.jembed.core.model.ViewNames;
import org.jembed.core.nativebuild.NativeBuilder;
import org.jembed.core.platform.ExportTable;
import org.jembed.core.platform.JniHeaders;
import org.jembed.core.platform.LibraryFiles;
import org.jembed.core.platform.Platform;
import org.jembed.core.platform.Toolset;

/**
 * The build-time pipeline of the jembed docs, stage by stage, with no Maven types:
 * header → model → checks → Java views; then, after {@code javac}, binding check → bridge → freeze →
 * glue → native build. The Mojos build one request and call one method here.
 */
public final class Pipeline {
    /**
     * Options every JVM a jembed library creates gets, before the pom's {@code <jvmOptions>} (a later option wins,
     * e.g. {@code -XX:-UseSerialGC -XX:+UseG1GC}; {@code -XX:+UseG1GC} alone fails: "Multiple garbage collectors
     * selected"): {@code -Xrs}, the host keeps its signals; {@code -XX:+UseSerialGC}, the least
     * memory and start time for a library (~1.3 MB less RSS than G1 after the first call, measured); {@code -Xms8m},
     * a small initial heap that grows on demand (~0.8 MB less RSS); and
     * {@code -XX:-UsePerfData}, no {@code /tmp/hsperfdata_<user>/<pid>} file in the host's name;
     * {@code -XX:+DisplayVMOutputToStderr}, the JVM's own messages (a failed initialisation) never land on the
     * host's stdout. Native access for
     * FFM is granted at run time, not by {@code --enable-native-access}, which costs the CDS archived module graph.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xrs", "-XX:+UseSerialGC", "-Xms8m", "-XX:-UsePerfData",
            "-XX:+DisplayVMOutputToStderr");

    /**
     * Options {@code <shortLived>true</shortLived>} adds after {@link #DEFAULT_JVM_OPTIONS}, before the pom's
     * {@code <jvmOptions>}, for hosts whose processes make a call or a few and exit (an NSS module inside every
     * {@code ls}, {@code id}, {@code getent}; a PAM module inside {@code su}): {@code -Xint}, no JIT compiler threads
     * (measured on {@code getent passwd} with an NSS module: 8 threads in the process instead of 11, 39 MB RSS
     * instead of 49 MB, 25-40 % less time); {@code -XX:+DisableAttachMechanism}, no attach listener thread and no
     * {@code /tmp/.java_pid<pid>} socket, which {@code -Xrs} would otherwise open in every such process.
     */
    public static final List<String> SHORT_LIVED_JVM_OPTIONS = List.of("-Xint", "-XX:+DisableAttachMechanism");

    /**
     * Where the API header is and how to read it.
     *
     * @param baseDir     the project directory; gcc runs there, so positions read {@code src/main/c/plugin.h:3:5}
     * @param header      the API header
     * @param includeDirs extra {@code -I} directories for the preprocessor (the header's own folder is always searched)
     * @param javaPackage the package of generated views and constants
     * @param compiler    the C compiler driver of the target platform, e.g. {@code gcc} or {@code aarch64-linux-gnu-gcc}
     *                    ({@link Toolset#compiler()}): the header is preprocessed and probed as the library is compiled
     * @param internalHeader the internal header, if any: functions user C and Java call each other through, not exported
     * @param compilerOptions the library's own C compiler options ({@code -D}, {@code -I}, ...): the header is
     *                        preprocessed and probed with them, so it means what it means to the library's compile
     * @param host        what of the host's API (the headers the API and internal headers include) Java uses
     */
    public record HeaderRequest(Path baseDir, Path header, List<Path> includeDirs, String javaPackage, String compiler,
                                Optional<Path> internalHeader, List<String> compilerOptions, HostRequest host) {
        /** A request without an internal header. */
        public HeaderRequest(Path baseDir, Path header, List<Path> includeDirs, String javaPackage, String compiler) {
            this(baseDir, header, includeDirs, javaPackage, compiler, Optional.empty(), List.of(), HostRequest.none());
        }

        /** A request without compiler options. */
        public HeaderRequest(Path baseDir, Path header, List<Path> includeDirs, String javaPackage, String compiler,
                             Optional<Path> internalHeader) {
            this(baseDir, header, includeDirs, javaPackage, compiler, internalHeader, List.of(), HostRequest.none());
        }

        /** A request that uses nothing of the host's API beyond what the API reaches. */
        public HeaderRequest(Path baseDir, Path header, List<Path> includeDirs, String javaPackage, String compiler,
                             Optional<Path> internalHeader, List<String> compilerOptions) {
            this(baseDir, header, includeDirs, javaPackage, compiler, internalHeader, compilerOptions, HostRequest.none());
        }
    }

    /**
     * How the library's runtime behaves, as the pom says it; the core turns it into the glue's options, so a Mojo needs
     * no glue type.
     *
     * @param optionsEnvVar     the environment variable JVM options may also come from, if allowed
     * @param strictEnvironment refuse to create a JVM while {@code JAVA_TOOL_OPTIONS} or {@code _JAVA_OPTIONS} is set
     * @param shutdownFunction  the exported shutdown function's name, if any
     * @param dispatch          how calls reach Java: {@code auto}, {@code jni} or {@code ffm}, in any case
     * @param trustEnvironment  whether the library may read its environment (JVM location and options); {@code false}
     *                          acts as in a privileged process (see the Security page)
     * @param startupCache      whether the library looks beside itself for the start-up cache {@code <startupCache>}
     *                          trains (its name carries a hash of what it was trained on, so a stale one is never used)
     * @param errorHandler      {@code <errorHandler>}: the binary name of the class whose {@code onError} methods handle
     *                          what every function without a handler of its own throws, if any
     * @param exitTimeoutSeconds {@code <exitTimeout>}: how long Java's shutdown sequence may take when the host exits
     *                          (seconds, 0 to 3600); 0: not run
     * @throws IllegalArgumentException when {@code dispatch} is none of these, naming {@code <dispatch>}, or the exit
     *                                  timeout is out of range, naming {@code <exitTimeout>}
     */
    public record RuntimeRequest(Optional<String> optionsEnvVar, boolean strictEnvironment, Optional<String> shutdownFunction,
                                 String dispatch, boolean trustEnvironment, boolean startupCache,
                                 Optional<String> errorHandler, int exitTimeoutSeconds) {
        /** Checks {@code dispatch} at once, so that a bad pom value fails before anything is built. */
        public RuntimeRequest {
            if (exitTimeoutSeconds < 0 || exitTimeoutSeconds > 3600) {
                throw new IllegalArgumentException("<exitTimeout> must be 0 to 3600 seconds (0: no shutdown sequence at"
                        + " exit), got " + exitTimeoutSeconds);
            }
            options(dispatch, optionsEnvVar, strictEnvironment, shutdownFunction, trustEnvironment, exitTimeoutSeconds);
        }

        /** The glue's options. */
        GlueRenderer.RuntimeOptions options() {
            return options(dispatch, optionsEnvVar, strictEnvironment, shutdownFunction, trustEnvironment, exitTimeoutSeconds);
        }

        private static GlueRenderer.RuntimeOptions options(String dispatch, Optional<String> optionsEnvVar,
                                                            boolean strictEnvironment, Optional<String> shutdownFunction,
                                                            boolean trustEnvironment, int exitTimeoutSeconds) {
            for (GlueRenderer.Dispatch d : GlueRenderer.Dispatch.values()) {
                if (d.name().equalsIgnoreCase(dispatch)) {
                    return new GlueRenderer.RuntimeOptions(optionsEnvVar, strictEnvironment, shutdownFunction, d, trustEnvironment,
                            exitTimeoutSeconds * 1000);
                }
            }
            throw new IllegalArgumentException("<dispatch> must be auto, jni or ffm, got '" + dispatch + "'");
        }
    }

    /**
     * A library build.
     *
     * @param header           the header request (its compiler is {@code tools}' compiler)
     * @param libraryName      the library's name (a C identifier): its C symbols, bridge class and
     *                         {@code <NAME>_JVM_OPTIONS} variable
     * @param classesDir       compiled classes ({@code target/classes})
     * @param runtimeClasspath runtime-scope dependencies (jars or directories), frozen after the classes
     * @param buildDir         {@code target}
     * @param generatedCDir    where glue sources are written
     * @param userCSources     the project's own C files
     * @param javaHome         the build JDK: its {@code include/jni.h}; for the build machine's own platform also its
     *                         {@code jni_md.h}, and the JDK the library records as the first libjvm searched after
     *                         overrides (a cross build records none)
     * @param jvmOptions       extra JVM options from the pom, after {@link #DEFAULT_JVM_OPTIONS}
     * @param compilerOptions  extra C compiler options
     * @param linkerOptions    extra linker options
     * @param startFunction    name under which to export the explicit start function, if any
     * @param runtime          run-time options (JVM options from the environment, strict mode, shutdown function, dispatch)
     * @param javaSourceRoots  the project's Java source roots, to name a Java method's source file in messages
     * @param staticLibrary    whether to also write {@code lib<base>.a} (the same objects, for static linking)
     * @param tools            the target platform's compiler and binutils ({@link Toolset#cross()}: a cross build)
     * @param files            the library's file names on the target ({@code <libraryFileName>}, {@code <libraryVersion>})
     * @param hostProvidesSymbols whether the program that loads the library provides its undefined symbols
     *                         ({@code <hostProvidesSymbols>})
     * @param exportedSymbols  names or patterns of user C's symbols the host looks up by name ({@code <exportedSymbols>})
     */
    public record LibraryRequest(HeaderRequest header, String libraryName, Path classesDir, List<Path> runtimeClasspath,
                                 Path buildDir, Path generatedCDir, List<Path> userCSources, Path javaHome,
                                 List<String> jvmOptions, List<String> compilerOptions, List<String> linkerOptions,
                                 Optional<String> startFunction, RuntimeRequest runtime,
                                 List<Path> javaSourceRoots, boolean staticLibrary, Toolset tools, LibraryFiles files,
                                 boolean hostProvidesSymbols, List<String> exportedSymbols) {
        /** A library whose host provides no symbols and looks up only the API and the names hosts are known to. */
        public LibraryRequest(HeaderRequest header, String libraryName, Path classesDir, List<Path> runtimeClasspath,
                              Path buildDir, Path generatedCDir, List<Path> userCSources, Path javaHome,
                              List<String> jvmOptions, List<String> compilerOptions, List<String> linkerOptions,
                              Optional<String> startFunction, RuntimeRequest runtime,
                              List<Path> javaSourceRoots, boolean staticLibrary, Toolset tools, LibraryFiles files) {
            this(header, libraryName, classesDir, runtimeClasspath, buildDir, generatedCDir, userCSources, javaHome,
                    jvmOptions, compilerOptions, linkerOptions, startFunction, runtime, javaSourceRoots, staticLibrary,
                    tools, files, false, List.of());
        }
    }

    /**
     * What a library build produced.
     *
     * @param library     the library file, e.g. {@code target/libmy_plugin.so}
     * @param bindings    number of exported functions
     * @param frozen      the frozen classes
     * @param nativeBuild the native build's result
     * @param startupCache the start-up cache written beside the library, when {@link RuntimeRequest#startupCache()}
     *                     asked for one, the build is not a cross build, and its training run succeeded (a failed one is
     *                     a warning)
     * @param files       the library's file names on the target
     */
    public record LibraryResult(Path library, int bindings, Freezer.Frozen frozen, NativeBuilder.Result nativeBuild,
                                Optional<StartupCache.Result> startupCache, LibraryFiles files) {}

    private Pipeline() {
    }

    /**
     * Preprocesses, parses and checks the API header.
     *
     * @throws DiagnosticException for every error in the header, positioned
     * @throws IOException         when gcc cannot be run
     */
    public static ApiModel readHeader(HeaderRequest request, BuildLog log) throws DiagnosticException, IOException {
        if (!Files.isRegularFile(request.header())) {
            throw new IOException("API header " + request.header() + " does not exist");
        }
        return read(request, request.header(), request.includeDirs(), false, log);
    }

    /** The runtime's fixed C files (templates module), copied beside the glue; the {@code .c} ones are compiled. */
    static final List<String> RUNTIME_FILES = List.of("jembed_nonlocal.h", "jembed_runtime.c", "jembed_runtime.h", "jembed_trust.c",
            "jembed_trust.h", "jembed_platform.h", "jembed_platform_posix.c", "jembed_platform_windows.c");

    /** Diagnostics already printed by an earlier goal of this build (generate, then library): each is printed once. */

    private static final Set<String> REPORTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Preprocess → parse → probe → check, with the library's compiler options; every warning and note of every stage
     * goes to {@code log} once per build.
     */
    private static ApiModel read(HeaderRequest request, Path header, List<Path> includeDirs, boolean internal, BuildLog log)
            throws DiagnosticException, IOException {
        Path relative = relativize(request.baseDir(), header);
        Preprocessor.Result pp = Preprocessor.run(request.compiler(), request.baseDir(), relative, includeDirs,
                List.of(), request.compilerOptions());
        log.debug(pp.call().summary());
        List<Diagnostic> diagnostics = new ArrayList<>(pp.warnings());
        HeaderParser.Result parsed;
        try {
            parsed = HeaderParser.analyze(pp.text(), pp.mainFileName());
        } catch (DiagnosticException e) {
            diagnostics.addAll(e.diagnostics());
            throw new DiagnosticException(unique(diagnostics));
        }
        diagnostics.addAll(parsed.warnings());
        HostSelection.Result selected = HostSelection.select(parsed.model(), request.host(), internal
                ? Set.of(relativize(request.baseDir(), request.header()).toString()) : Set.of());
        diagnostics.addAll(selected.notes());
        Probe.Request probeRequest = new Probe.Request(request.compiler(), request.baseDir(), pp.mainFileName(),
                includeDirs, request.compilerOptions());
        // function-like macros Java calls: prototypes inferred from their expansions, checked by the probe's compile
        Map<String, String> expansions = MacroSignatures.expand(selected.model().host().macros(), probeRequest);
        List<MacroDecl> functionMacros = selected.model().host().macros().stream().filter(MacroDecl::functionLike).toList();
        MacroSignatures.Result typed = MacroSignatures.infer(functionMacros, parsed.model(), expansions);
        ConstantCandidates candidates = new ConstantCandidates(parsed.model());
        Map<String, Map.Entry<SourcePos, String>> refused = new LinkedHashMap<>();
        typed.refused().forEach((m, why) -> refused.put(m.name(), Map.entry(m.pos(), why)));
        HostApi host = selected.model().host();
        List<HostFunction> typedFunctions = new ArrayList<>(host.functions());
        typedFunctions.addAll(typed.functions());
        List<HostFunction> hostFunctions = HostSelection.exits(typedFunctions, request.host(),
                !request.host().guard().isEmpty(), request.host().guard().equals("lua"), diagnostics);
        ApiModel toProbe = selected.model().withHost(new HostApi(hostFunctions, host.variables(),
                host.macros().stream().filter(m -> !m.functionLike() && candidates.test(expansions.getOrDefault(m.name(), "")))
                        .toList(), host.skipped()));
        Probe.Result probed;
        try {
            probed = Probe.run(toProbe, parsed.macros(), probeRequest);
        } catch (DiagnosticException e) {
            diagnostics.addAll(e.diagnostics());
            throw new DiagnosticException(unique(diagnostics));
        }
        log.debug("Probed " + pp.mainFileName() + " with " + request.compiler() + " (" + probed.compiles() + " compile(s))");
        diagnostics.addAll(probed.warnings());
        for (HostFunction f : typed.functions()) {
            if (probed.uncompiled().containsKey(f.name())) {
                refused.put(f.name(), Map.entry(f.pos(), "the compiler rejected a C function wrapping it ("
                        + probed.uncompiled().get(f.name()) + ")"));
            }
        }
        diagnostics.addAll(HostSelection.refusals(refused, request.host()));
        if (diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
            throw new DiagnosticException(unique(diagnostics));
        }
        ApiModel model = probed.model();
        try {
            ApiChecker.check(model, ViewNames.of(model, request.javaPackage()));
        } catch (DiagnosticException e) {
            diagnostics.addAll(e.diagnostics());
            throw new DiagnosticException(unique(diagnostics));
        }
        diagnostics.addAll(ApiChecker.warnings(model, internal));
        for (Diagnostic d : unique(diagnostics)) {
            if (REPORTED.add(request.baseDir().toAbsolutePath() + "|" + d)) {
                if (d.severity() == Diagnostic.Severity.NOTE) {
                    log.info(d.toString());
                } else {
                    log.warn(d.toString());
                }
            }
        }
        return model;
    }

    /** A Java method's source file, relative to the project when it lies under a source root, for binding messages. */
    private static Function<ExportScanner.Found, String> javaSource(List<Path> roots, Path baseDir) {
        return found -> {
            String pkg = found.className().contains("/") ? found.className().substring(0, found.className().lastIndexOf('/')) : "";
            for (Path root : roots) {
                Path candidate = root.resolve(pkg).resolve(found.sourceFile());
                if (Files.isRegularFile(candidate)) {
                    return relativize(baseDir, candidate).toString();
                }
            }
            return pkg.isEmpty() ? found.sourceFile() : pkg + "/" + found.sourceFile();
        };
    }

    private static List<Diagnostic> unique(List<Diagnostic> diagnostics) {
        return List.copyOf(new java.util.LinkedHashSet<>(diagnostics));
    }

    /**
     * Preprocesses, parses and checks the internal header, whose own functions are not exported: each is either
     * implemented in Java ({@code @Export}, called from user C) or in user C (called from Java through a generated
     * downcall). It is preprocessed with the API header's folder on the include path, so it may include the API header.
     *
     * @return its model; empty when the request has no internal header
     * @throws DiagnosticException for every error in it, positioned
     * @throws IOException         when it does not exist or gcc cannot be run
     */
    public static Optional<ApiModel> readInternalHeader(HeaderRequest request, BuildLog log) throws DiagnosticException, IOException {
        if (request.internalHeader().isEmpty()) {
            return Optional.empty();
        }
        Path header = request.internalHeader().get();
        if (!Files.isRegularFile(header)) {
            throw new IOException("internal header " + header + " does not exist");
        }
        List<Path> includes = new ArrayList<>(request.includeDirs());
        includes.add(request.header().toAbsolutePath().getParent());
        return Optional.of(read(request, header, includes, true, log));
    }

    /**
     * Writes the Java struct views and constants for {@code model}.
     *
     * @return the files that were written (unchanged files are not rewritten)
     * @throws IOException when a file cannot be written
     */
    public static List<Path> generateJava(ApiModel model, String javaPackage, Path outDir) throws IOException {
        return generateJava(model, Optional.empty(), javaPackage, outDir);
    }

    /**
     * Writes the Java struct views, constants and accessors, invokers, and the internal header's downcalls, and removes
     * the sources an earlier build generated into {@code outDir} that this one does not (a struct the header no longer
     * declares, or declares only for another platform), so javac never compiles a stale view.
     *
     * @return the files that were written or removed (unchanged files are not rewritten)
     * @throws IOException when a file cannot be written
     */
    public static List<Path> generateJava(ApiModel model, Optional<ApiModel> internal, String javaPackage, Path outDir)
            throws IOException {
        List<Path> written = new ArrayList<>();
        Map<String, String> sources = new JavaRenderer(new Templates()).render(model, internal, ViewNames.of(model, javaPackage));
        Set<Path> kept = new HashSet<>();
        for (var e : sources.entrySet()) {
            Path file = outDir.resolve(e.getKey());
            kept.add(file.toAbsolutePath().normalize());
            if (Outputs.write(file, e.getValue())) {
                written.add(file);
            }
        }
        written.addAll(Outputs.removeGenerated(outDir, kept, ".java", "// Generated by jembed "));
        return written;
    }

    /**
     * Checks the bindings and builds the library.
     *
     * @throws DiagnosticException                  for header or binding errors
     * @throws NativeBuilder.NativeBuildFailure     when gcc fails (on user C, typically)
     * @throws IOException                          when files cannot be read or written, or the JDK is unusable
     */
    public static LibraryResult buildLibrary(LibraryRequest request, BuildLog log)
            throws DiagnosticException, NativeBuilder.NativeBuildFailure, IOException {
        HeaderRequest hr = request.header();
        ApiModel model = withoutRuntimeFunctions(readHeader(hr, log), request);
        Optional<ApiModel> internal = readInternalHeader(hr, log);
        ViewNames views = ViewNames.of(model, hr.javaPackage());
        ExportScanner.Scan scan = ExportScanner.scanAll(request.classesDir());
        Optional<BindingChecker.DefaultHandler> defaultHandler = request.runtime().errorHandler().map(c ->
                new BindingChecker.DefaultHandler(c, PomText.position(hr.baseDir().resolve("pom.xml"), "<errorHandler>")));
        BindingChecker.Result checked = new BindingChecker(model, internal, views, javaSource(request.javaSourceRoots(), hr.baseDir()),
                scan.staticMethods(), defaultHandler).check(scan.found());
        log.info("Bound " + checked.bindings().size() + " exported function(s) of " + model.headerName()
                + (checked.inits().isEmpty() ? "" : ", " + checked.inits().size() + " @Init method(s)"));
        if (!checked.inits().isEmpty()) {
            log.info("At start the library runs, in this order: " + checked.inits().stream()
                    .map(f -> f.className() + "." + f.methodName() + "()").collect(java.util.stream.Collectors.joining(", ")));
        }

        String bridgeName = BridgeGenerator.internalName(request.libraryName());
        byte[] bridge = BridgeGenerator.generate(bridgeName, checked.bindings(), checked.inits(), !hr.host().guard().isEmpty());
        List<Path> classpath = new ArrayList<>();
        classpath.add(request.classesDir());
        classpath.addAll(request.runtimeClasspath());
        Path work = request.buildDir().resolve("jembed");
        Freezer.Frozen frozen = Freezer.freeze(classpath, Map.of(bridgeName + ".class", bridge), work);
        frozen.duplicates().forEach(d -> log.warn("Class " + d + " is on the runtime class path twice; the first copy is frozen"));
        if (frozen.bootClasses().isEmpty()) {
            throw new IOException("org.jembed:embed-runtime is not on the runtime class path; add it as a dependency");
        }
        log.info("Froze " + frozen.entries() + " entries into " + relativize(hr.baseDir(), frozen.image()));

        JdkCheck.requireJni(request.javaHome());
        Toolset tools = request.tools();
        boolean cacheWanted = request.runtime().startupCache() && !tools.cross();
        if (request.runtime().startupCache() && tools.cross()) {
            log.warn("No start-up cache for " + tools.target() + ": <startupCache> trains on the build JDK, which runs"
                    + " only on " + tools.host());
        }
        List<GlueRenderer.BootClass> boot = frozen.bootClasses().entrySet().stream()
                .map(e -> new GlueRenderer.BootClass(e.getKey(), e.getValue())).toList();
        List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        jvmOptions.addAll(request.jvmOptions());
        String dispatch = request.runtime().dispatch().toLowerCase(java.util.Locale.ROOT);
        Optional<String> startupCache = cacheWanted
                ? Optional.of(StartupCache.fileName(request.libraryName(), request.javaHome(), tools.host(), jvmOptions,
                        frozen.sha256(), dispatch))
                : Optional.empty();
        // A cross build records no JDK: the build JDK cannot run on the target.
        Optional<String> buildJavaHome = tools.cross() ? Optional.empty()
                : Optional.of(request.javaHome().toAbsolutePath().toString());
        GlueRenderer.Library lib = new GlueRenderer.Library(request.libraryName(), bridgeName.replace('/', '.'),
                jvmOptions, buildJavaHome, request.startFunction(), request.runtime().options(), frozen.image(),
                frozen.sha256(), boot, startupCache);
        GlueRenderer glue = new GlueRenderer(new Templates());
        Path cDir = request.generatedCDir();
        Path glueFile = cDir.resolve(request.libraryName() + "_glue.c");
        Path frozenFile = cDir.resolve(request.libraryName() + "_frozen.c");
        Outputs.write(glueFile, glue.renderGlue(model, checked.bindings(), lib));
        Path userHeader = cDir.resolve("jembed.h");
        Outputs.write(userHeader, glue.renderUserHeader(model.headerName(), request.libraryName()));
        Outputs.write(frozenFile, glue.renderFrozen(lib));
        Outputs.write(cDir.resolve("jembed_includes.h"), glue.renderIncludes(model.headerName(),
                hr.internalHeader().map(p -> p.getFileName().toString())));
        Path hostFile = cDir.resolve(request.libraryName() + "_host.c");
        Optional<String> guard = hr.host().guardHeader();
        if (guard.isPresent() && HostRequest.BUILT_IN_GUARDS.containsValue(guard.get())) {
            Outputs.write(cDir.resolve(guard.get()), Templates.resource(guard.get()));
        } else if (guard.isPresent()) {
            Path own = hr.baseDir().resolve(guard.get()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(own)) {
                throw new IOException("<hostGuard> " + guard.get() + " is neither lua nor postgresql nor a header of the"
                        + " project (" + own + " does not exist)");
            }
            guard = Optional.of(own.toString());
        }
        Outputs.write(hostFile, glue.renderHost(model, internal, guard));
        List<Path> sources = new ArrayList<>(List.of(glueFile, frozenFile));
        for (String file : RUNTIME_FILES) {
            Outputs.write(cDir.resolve(file), Templates.resource(file));
            if (file.endsWith(".c")) {
                sources.add(cDir.resolve(file));
            }
        }

        Path headerDir = hr.header().toAbsolutePath().getParent();
        List<Path> includes = new ArrayList<>(List.of(cDir, headerDir));
        includes.addAll(JniHeaders.includeDirs(tools, request.javaHome(), work));
        hr.internalHeader().ifPresent(p -> includes.add(p.toAbsolutePath().getParent()));
        includes.addAll(hr.includeDirs());
        // jembed.h is force-included, so the API header's JEMBED_EXPORT exports user C's variables too.
        List<String> compilerOptions = new ArrayList<>(List.of("-include", userHeader.toAbsolutePath().toString()));
        // Debug info and __FILE__ name sources relative to the project, so two checkouts build the same bytes.
        compilerOptions.add("-ffile-prefix-map=" + hr.baseDir().toAbsolutePath().normalize() + "=.");
        compilerOptions.addAll(request.compilerOptions());
        NativeBuilder.Result built = NativeBuilder.build(new NativeBuilder.Request(tools, request.files(),
                sources, request.userCSources(), includes, compilerOptions, request.linkerOptions(), work.resolve("obj"),
                request.buildDir(), request.staticLibrary(), request.hostProvidesSymbols(), request.exportedSymbols(),
                List.of(hostFile)), log);
        Path library = built.library();
        requireExportedVariables(model, tools, library, hr.baseDir(), log);
        requireExportedSymbols(request.exportedSymbols(), tools, library, hr, log);
        Optional<StartupCache.Result> cache = Optional.empty();
        if (cacheWanted) {
            cache = StartupCache.produce(new StartupCache.Request(request.libraryName(), library, work.resolve("obj"),
                    tools.compiler(), request.linkerOptions(), request.javaHome(), tools.host(), jvmOptions,
                    frozen.sha256(), dispatch, request.runtime().optionsEnvVar(),
                    StartupCache.trainingClass(request.runtimeClasspath()), work.resolve("aot")), log);
        }
        return new LibraryResult(library, checked.bindings().size(), frozen, built, cache, request.files());
    }

    /**
     * Every variable the API header declares must be exported by the library, or its consumers fail to link: asks the
     * target's binutils which are ({@link ExportTable}); without them the check is skipped with a debug line.
     *
     * @throws DiagnosticException one error per variable that is not exported, at its declaration
     */
    static void requireExportedVariables(ApiModel model, Toolset tools, Path library, Path baseDir, BuildLog log)
            throws DiagnosticException {
        if (model.globals().isEmpty()) {
            return;
        }
        Optional<Set<String>> exported = ExportTable.read(tools, library, baseDir);
        if (exported.isEmpty()) {
            log.debug("Not checking the exported variables of " + library.getFileName() + ": no working "
                    + tools.tool(tools.target().os() == Platform.Os.WINDOWS ? "objdump" : "nm") + " here");
            return;
        }
        Set<String> defined = exported.get();
        List<Diagnostic> errors = new ArrayList<>();
        for (org.jembed.core.model.GlobalDecl g : model.globals()) {
            if (!defined.contains(g.name())) {
                errors.add(Diagnostic.error(g.pos(), "variable '" + g.name() + "' is declared in the API header but the"
                        + " library does not export it; define it in a .c file under src/main/c and declare it with"
                        + " JEMBED_EXPORT (jembed.h gives it default visibility), e.g. 'JEMBED_EXPORT " + g.type().declare(g.name()).strip() + ";'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new DiagnosticException(errors);
        }
    }

    /**
     * Every name {@code <exportedSymbols>} lists without a wildcard must be exported, or the host's lookup fails at
     * run time ("undefined symbol", PostgreSQL's "incompatible library ... missing magic block"): asks the target's
     * binutils ({@link ExportTable}); without them the check is skipped with a debug line.
     *
     * @throws DiagnosticException one error per name, positioned at its pom entry
     */
    static void requireExportedSymbols(List<String> listed, Toolset tools, Path library, HeaderRequest hr, BuildLog log)
            throws DiagnosticException {
        if (listed.isEmpty()) {
            return;
        }
        Optional<Set<String>> exported = ExportTable.read(tools, library, hr.baseDir());
        if (exported.isEmpty()) {
            log.debug("Not checking <exportedSymbols> of " + library.getFileName() + ": no working binutils here");
            return;
        }
        List<Diagnostic> errors = new ArrayList<>();
        for (String name : listed) {
            String n = name.strip();
            if (n.isEmpty() || n.contains("*") || n.contains("?") || exported.get().contains(n)) {
                continue;
            }
            SourcePos at = HostSelection.position(hr.host().pom(), "<exportedSymbol>" + n + "</exportedSymbol>");
            errors.add(Diagnostic.error(at, "<exportedSymbol> '" + n + "' is not exported by " + library.getFileName()
                    + ": no .c file under src/main/c defines it with external linkage (a static one never is)"
                    + (tools.target().os() == Platform.Os.WINDOWS ? "; on Windows mark its definition JEMBED_VISIBLE" : "")));
        }
        if (!errors.isEmpty()) {
            throw new DiagnosticException(errors);
        }
    }

    /**
     * The model without the functions jembed itself defines (the configured start and shutdown functions), which a
     * header may declare so that C callers see them; each must be declared as {@code int name(void)}.
     *
     * @throws DiagnosticException when such a declaration has another prototype
     */
    static ApiModel withoutRuntimeFunctions(ApiModel model, LibraryRequest request) throws DiagnosticException {
        Set<String> own = new HashSet<>();
        request.startFunction().ifPresent(own::add);
        request.runtime().shutdownFunction().ifPresent(own::add);
        List<Diagnostic> errors = new ArrayList<>();
        List<FunctionDecl> kept = new ArrayList<>();
        for (FunctionDecl fn : model.functions()) {
            if (!own.contains(fn.name())) {
                kept.add(fn);
            } else if (!fn.params().isEmpty() || fn.variadic()
                    || !(fn.returnType().resolved() instanceof CType.Prim p
                         && p.kind() == PrimKind.INT)) {
                errors.add(Diagnostic.error(fn.pos(), "'" + fn.name()
                        + "' is the library's start or shutdown function (see the pom); declare it as 'int " + fn.name() + "(void)'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new DiagnosticException(errors);
        }
        return model.withFunctions(kept);
    }

    /** {@code path} relative to {@code base} when it lies below it, else absolute. */
    public static Path relativize(Path base, Path path) {
        Path b = base.toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(b) ? b.relativize(p) : p;
    }
}
