package org.jembed.core.nativebuild;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.codehaus.mojo.natives.NativeBuildException;
import org.codehaus.mojo.natives.c.CCompiler;
import org.codehaus.mojo.natives.c.CLinker;
import org.codehaus.mojo.natives.compiler.CompilerConfiguration;
import org.codehaus.mojo.natives.linker.LinkerConfiguration;
import org.codehaus.plexus.logging.AbstractLogger;
import org.codehaus.plexus.logging.Logger;
import org.jembed.core.BuildLog;
import org.jembed.core.ToolCall;
import org.jembed.core.platform.LibraryFiles;
import org.jembed.core.platform.Platform;
import org.jembed.core.platform.Toolset;

/**
 * The native build stage: compiles the glue, the runtime helper and the user's C, and links the shared library
 * of the target platform ({@code lib<name>.so}, {@code <name>.dll}, {@code lib<name>.dylib}: {@link LibraryFiles}) with
 * the target's link options ({@link Platform#sharedLinkOptions}), through the compiler and linker components of MojoHaus native-maven-plugin
 * ({@code maven-native-generic-c} 1.0.0). The compiler component skips objects that are newer than their sources
 * and headers, and generated files are rewritten only on change; a {@link BuildStamp} in the object directory adds
 * what times do not show (compiler, options, include path, jembed's version: objects made otherwise are removed
 * first), and a second one makes the link run only when an object, an option or an output changed. An unchanged
 * library is neither recompiled nor relinked. The object directory must be the target platform's own
 * ({@link org.jembed.core.platform.PlatformLayout}).
 */
public final class NativeBuilder {

    /**
     * One native build.
     *
     * @param tools           the target's compiler and binutils ({@code ar} for the static archive)
     * @param files           the library's file names on the target (file, SONAME/install name, symlinks, import library)
     * @param glueSources     generated C and the runtime helper: compiled with {@code -Werror}
     * @param userSources     the project's own C ({@code src/main/c/*.c})
     * @param includeDirs     {@code -I} directories (generated dir, header dir, JNI headers for the target)
     * @param compilerOptions options for every compile, after jembed's defaults
     * @param linkerOptions   options for the link, after jembed's defaults
     * @param objectDir       where objects go
     * @param outputDir       where the library, its symlinks and import library go, e.g. {@code target}
     * @param staticLibrary   whether to also write the static archive {@code lib<base>.a} of the same objects
     *                        (CFFI: {@code emit_c_code}, linked into a program)
     * @param hostProvidesSymbols whether undefined symbols are left for the host program to provide at load time
     *                        (Lua, PostgreSQL, Redis, Apache load plugins that call into the executable): no
     *                        {@code -z defs} on Linux, {@code -undefined dynamic_lookup} on macOS; a DLL cannot
     * @param exportedSymbols names or patterns of symbols of user C the host looks up by name, exported besides
     *                        the API and {@link HostExports#KNOWN}
     * @param hostSources     generated C where the host's headers and macros expand ({@code <name>_host.c}):
     *                        compiled with the warnings of user C, without {@code -Werror}
     */
    public record Request(Toolset tools, LibraryFiles files, List<Path> glueSources, List<Path> userSources,
                          List<Path> includeDirs, List<String> compilerOptions, List<String> linkerOptions,
                          Path objectDir, Path outputDir, boolean staticLibrary, boolean hostProvidesSymbols,
                          List<String> exportedSymbols, List<Path> hostSources) {
        /** A build whose host provides no symbols and looks up none but the known ones. */
        public Request(Toolset tools, LibraryFiles files, List<Path> glueSources, List<Path> userSources,
                       List<Path> includeDirs, List<String> compilerOptions, List<String> linkerOptions,
                       Path objectDir, Path outputDir, boolean staticLibrary) {
            this(tools, files, glueSources, userSources, includeDirs, compilerOptions, linkerOptions, objectDir,
                    outputDir, staticLibrary, false, List.of(), List.of());
        }
    }

    /**
     * What the build did.
     *
     * @param library       the linked library, e.g. {@code target/libmy_plugin.so} or {@code target/my_plugin.dll}
     * @param staticLibrary the static archive, when one was asked for
     * @param importLibrary the import library for consumers (Windows: {@code lib<base>.dll.a}), when the target has one
     * @param symlinks      the symbolic links made beside the library (versioned names), in creation order
     * @param duration      wall-clock time of compile and link
     * @param compiled      how many C files were compiled (the others' objects were up to date)
     * @param sources       how many C files the library has
     * @param linked        whether the library was linked (false: it, its inputs and its options were unchanged)
     */
    public record Result(Path library, Optional<Path> staticLibrary, Optional<Path> importLibrary, List<Path> symlinks,
                         Duration duration, int compiled, int sources, boolean linked) {

        /** What the build did, for a log line: e.g. {@code 2 of 6 C file(s) compiled, linked} or {@code up to date}. */
        public String summary() {
            if (compiled == 0 && !linked) {
                return "up to date";
            }
            return compiled + " of " + sources + " C file(s) compiled, " + (linked ? "linked" : "not relinked");
        }
    }

    /**
     * jembed's compile defaults on every platform: GNU C11, optimised, debug info, warnings on; then the target's own
     * ({@link Platform#libraryCompileOptions()}: {@code -fPIC -fvisibility=hidden} but on Windows).
     */
    public static final List<String> DEFAULT_COMPILER_OPTIONS = List.of("-std=gnu11", "-O2", "-g", "-Wall", "-Wextra");

    private NativeBuilder() {
    }

    /**
     * Compiles and links.
     *
     * @throws NativeBuildFailure when the compiler or linker fails (their messages are in the log)
     * @throws IOException        when the output directory cannot be made
     */
    public static Result build(Request request, BuildLog log) throws NativeBuildFailure, IOException {
        long start = System.nanoTime();
        Platform target = request.tools().target();
        LibraryFiles files = request.files();
        Path outDir = request.outputDir().toAbsolutePath();
        Path output = outDir.resolve(files.file());
        Files.createDirectories(request.objectDir());
        Files.createDirectories(outDir);
        List<File> objects = new ArrayList<>();
        List<String> defaults = new ArrayList<>(DEFAULT_COMPILER_OPTIONS);
        defaults.addAll(target.libraryCompileOptions());
        List<String> glueOptions = new ArrayList<>(defaults);
        glueOptions.add("-Werror");
        glueOptions.addAll(request.compilerOptions());
        List<String> userOptions = new ArrayList<>(defaults);
        userOptions.addAll(request.compilerOptions());
        // Objects made by another compiler or with other options are stale whatever their times say.
        Path compileStamp = request.objectDir().resolve(COMPILE_STAMP);
        BuildStamp compileKey = compileStamp(request, glueOptions, userOptions);
        if (!compileKey.matches(compileStamp)) {
            removeObjects(request.objectDir());
        }
        Map<String, String> before = objectStates(request.objectDir());
        objects.addAll(compile(request, request.glueSources(), glueOptions, log));
        if (!request.hostSources().isEmpty()) {
            objects.addAll(compile(request, request.hostSources(), userOptions, log));
        }
        if (!request.userSources().isEmpty()) {
            List<File> userObjects = compile(request, request.userSources(), userOptions, log);
            objects.addAll(exportLookedUp(request, userObjects, userOptions, log));
        }
        compileKey.write(compileStamp);
        int compiled = (int) objects.stream()
                .filter(o -> !BuildStamp.state(o.toPath()).equals(before.get(o.getName()))).count();
        LinkerConfiguration link = new LinkerConfiguration();
        link.setExecutable(request.tools().compiler());
        link.setWorkingDirectory(request.objectDir().toFile());
        link.setOutputDirectory(outDir.toFile());
        String fileName = files.file();
        int dot = fileName.lastIndexOf('.');
        link.setOutputFileName(fileName.substring(0, dot));
        link.setOutputFileExtension(fileName.substring(dot + 1));
        link.setStartOptions(target.sharedLinkOptions(files, outDir, request.hostProvidesSymbols()).toArray(String[]::new));
        List<String> end = new ArrayList<>(target.systemLibraries());
        end.addAll(request.linkerOptions());
        link.setEndOptions(end.toArray(String[]::new));
        link.setExternalLibFileNames(List.of());
        CLinker linker = new CLinker();
        linker.enableLogging(new LogAdapter(log));
        Optional<Path> implib = files.importLibrary().map(outDir::resolve);
        Optional<Path> archive = request.staticLibrary() ? Optional.of(outDir.resolve(files.staticLibrary()))
                : Optional.empty();
        List<Path> made = new ArrayList<>(List.of(output));
        implib.ifPresent(made::add);
        archive.ifPresent(made::add);
        // The linker component links every time: relink only when an input, an option or an output changed.
        Path linkStamp = request.objectDir().resolve(LINK_STAMP);
        boolean linked = !linkStamp(link, objects, made).matches(linkStamp);
        if (linked) {
            Files.deleteIfExists(linkStamp);
            try {
                linker.link(link, objects);
            } catch (NativeBuildException e) {
                // nothing half-written: a consumer must not find a library that failed to link
                Files.deleteIfExists(output);
                if (implib.isPresent()) {
                    Files.deleteIfExists(implib.get());
                }
                throw new NativeBuildFailure("linking " + fileName + " failed" + undefinedHint(relink(link, objects), request),
                        null);
            }
            if (archive.isPresent()) {
                archive(request.tools(), archive.get(), objects, request.objectDir(), log);
            }
            linkStamp(link, objects, made).write(linkStamp);
        }
        List<Path> links = new ArrayList<>();
        for (LibraryFiles.Symlink s : files.symlinks()) {
            Path linkPath = outDir.resolve(s.name());
            if (!Files.isSymbolicLink(linkPath) || !Files.readSymbolicLink(linkPath).equals(Path.of(s.target()))) {
                Files.deleteIfExists(linkPath);
                Files.createSymbolicLink(linkPath, Path.of(s.target()));
            }
            links.add(linkPath);
        }
        return new Result(output, archive, implib.filter(Files::isRegularFile), List.copyOf(links),
                Duration.ofNanos(System.nanoTime() - start), compiled, objects.size(), linked);
    }

    /** The stamp file of the objects in the object directory: what they were compiled with. */
    static final String COMPILE_STAMP = "compile.stamp";

    /** The stamp file of the link, in the object directory: the link's command line and its inputs' and outputs' states. */
    static final String LINK_STAMP = "link.stamp";

    private static BuildStamp compileStamp(Request request, List<String> glueOptions, List<String> userOptions) {
        List<String> lines = new ArrayList<>();
        lines.add("target " + request.tools().target());
        glueOptions.forEach(o -> lines.add("glue-option " + o));
        userOptions.forEach(o -> lines.add("user-option " + o));
        request.includeDirs().forEach(d -> lines.add("include " + d.toAbsolutePath()));
        return BuildStamp.of(request.tools().compiler(), lines);
    }

    private static BuildStamp linkStamp(LinkerConfiguration link, List<File> objects, List<Path> outputs) {
        List<String> lines = new ArrayList<>();
        lines.add("output " + link.getOutputFile().getAbsolutePath());
        for (String o : link.getStartOptions()) {
            lines.add("start-option " + o);
        }
        for (String o : link.getEndOptions()) {
            lines.add("end-option " + o);
        }
        return BuildStamp.of(link.getExecutable(), lines)
                .withStates("object", objects.stream().map(File::toPath).toList())
                .withStates("made", outputs);
    }

    /** Removes the objects and stamps of {@code objectDir}, so that everything is compiled and linked again. */
    private static void removeObjects(Path objectDir) throws IOException {
        try (Stream<Path> list = Files.list(objectDir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && (name.endsWith(".o") || name.endsWith(".stamp"))) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Map<String, String> objectStates(Path objectDir) throws IOException {
        Map<String, String> states = new HashMap<>();
        try (Stream<Path> list = Files.list(objectDir)) {
            list.filter(p -> p.getFileName().toString().endsWith(".o"))
                    .forEach(p -> states.put(p.getFileName().toString(), BuildStamp.state(p)));
        }
        return states;
    }

    /**
     * User C's objects, with each one that defines a name the host looks up ({@link HostExports}) replaced by the
     * object of a wrapper that exports it. Not on Windows, where a DLL exports what is marked dllexport.
     */
    private static List<File> exportLookedUp(Request request, List<File> userObjects, List<String> options, BuildLog log)
            throws NativeBuildFailure, IOException {
        if (request.tools().target().os() == Platform.Os.WINDOWS || userObjects.size() != request.userSources().size()) {
            return userObjects;
        }
        List<String> patterns = new ArrayList<>(HostExports.KNOWN);
        patterns.addAll(request.exportedSymbols());
        List<File> out = new ArrayList<>();
        List<Path> wrappers = new ArrayList<>();
        List<Integer> replaced = new ArrayList<>();
        for (int i = 0; i < userObjects.size(); i++) {
            java.util.Set<String> names = HostExports.defined(request.tools(), userObjects.get(i).toPath(), patterns);
            if (names.isEmpty()) {
                continue;
            }
            Path source = request.userSources().get(i);
            String stem = source.getFileName().toString().replaceFirst("\\.c$", "");
            Path wrapper = request.objectDir().resolveSibling("export").resolve(stem + "-jembed-export.c");
            org.jembed.core.Outputs.write(wrapper, HostExports.wrapper(source, Files.readAllBytes(source), names));
            log.debug("Exporting " + names + " of " + source.getFileName() + ", which its host looks up by name");
            wrappers.add(wrapper);
            replaced.add(i);
        }
        List<File> wrapped = wrappers.isEmpty() ? List.of() : compile(request, wrappers, options, log);
        for (int i = 0; i < userObjects.size(); i++) {
            int at = replaced.indexOf(i);
            out.add(at >= 0 && at < wrapped.size() ? wrapped.get(at) : userObjects.get(i));
        }
        return out;
    }

    /**
     * The failed link's messages: the linker component prints them where jembed cannot read them, so the same
     * command is run again, once, on the failure path, into a scratch output.
     */
    private static List<String> relink(LinkerConfiguration link, List<File> objects) {
        List<String> command = new ArrayList<>();
        command.add(link.getExecutable());
        command.addAll(List.of(link.getStartOptions()));
        objects.forEach(o -> command.add(o.getAbsolutePath()));
        command.addAll(List.of(link.getEndOptions()));
        try {
            Path scratch = Files.createTempFile("jembed-relink", ".so");
            try {
                command.addAll(List.of("-o", scratch.toString()));
                ToolCall call = ToolCall.run(command, link.getWorkingDirectory().toPath());
                return call.stderr().lines().toList();
            } finally {
                Files.deleteIfExists(scratch);
            }
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * When the linker reported an undefined symbol and the host provides none: where the symbol may come from and
     * the pom setting that says so.
     */
    static String undefinedHint(List<String> linkerLines, Request request) {
        java.util.regex.Pattern undefined = java.util.regex.Pattern.compile("undefined (?:reference|symbol)[^`'‘\"]*[`'‘\"]([^'’`\"]+)");
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String line : linkerLines) {
            java.util.regex.Matcher m = undefined.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        if (names.isEmpty() || request.hostProvidesSymbols()) {
            return "";
        }
        List<String> shown = names.stream().limit(6).toList();
        String listed = String.join(", ", shown) + (names.size() > shown.size() ? " and " + (names.size() - shown.size())
                + " more" : "");
        return ": undefined " + listed + ". If the program that loads the library provides "
                + (names.size() == 1 ? "it" : "them") + " (Lua, PostgreSQL, Redis and Apache modules call into the"
                + " executable that loads them), set <hostProvidesSymbols>true</hostProvidesSymbols>; if a library"
                + " does, link it with <linkerOptions>, e.g. -lNAME";
    }

    /** {@code ar rcsD} (the target's): a deterministic archive (zero dates, uids and modes) of the library's objects. */
    private static void archive(Toolset tools, Path output, List<File> objects, Path objectDir, BuildLog log)
            throws NativeBuildFailure, IOException {
        Files.deleteIfExists(output);
        List<String> ar = new ArrayList<>(List.of(tools.tool("ar"), "rcsD", output.toAbsolutePath().toString()));
        objects.stream().map(f -> objectDir.toAbsolutePath().relativize(f.toPath().toAbsolutePath()).toString())
                .sorted().forEach(ar::add);
        ToolCall call = ToolCall.run(ar, objectDir);
        log.debug(call.summary());
        if (!call.succeeded()) {
            Files.deleteIfExists(output);
            throw new NativeBuildFailure("archiving " + output.getFileName() + " failed:\n" + call.stdout()
                    + call.stderr(), null);
        }
    }

    /**
     * Compiles {@code sources}, several at once, each through its own component call: a failing gcc then fails that
     * call in this thread (the component's own thread pool would let the failure escape as an uncaught exception's
     * stack trace). gcc's messages go to the log as it prints them; the failure is one line naming the files.
     */
    private static List<File> compile(Request request, List<Path> sources, List<String> options, BuildLog log)
            throws NativeBuildFailure {
        int threads = Math.max(1, Math.min(sources.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jembed-cc");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<File>>> futures = new ArrayList<>();
            for (Path source : sources) {
                futures.add(pool.submit(() -> compileOne(request, source, options, log)));
            }
            List<File> objects = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    objects.addAll(futures.get(i).get());
                } catch (ExecutionException e) {
                    failed.add(sources.get(i).getFileName().toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NativeBuildFailure("compiling C was interrupted", null);
                }
            }
            if (!failed.isEmpty()) {
                throw new NativeBuildFailure(request.tools().compiler() + " failed on " + String.join(", ", failed), null);
            }
            return objects;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<File> compileOne(Request request, Path source, List<String> options, BuildLog log)
            throws NativeBuildException {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setExecutable(request.tools().compiler());
        config.setWorkingDirectory(request.objectDir().toFile());
        config.setOutputDirectory(request.objectDir().toFile());
        config.setObjectFileExtension("o");
        config.setIncludePaths(request.includeDirs().stream().map(Path::toFile).toArray(File[]::new));
        config.setSystemIncludePaths(new File[0]);
        config.setStartOptions(options.toArray(String[]::new));
        config.setNumberOfConcurrentCompilation(1);
        CCompiler compiler = new CCompiler();
        compiler.enableLogging(new LogAdapter(log));
        return compiler.compile(config, new File[] {source.toFile()});
    }

    /** The compiler or linker failed; its diagnostics were logged. */
    public static final class NativeBuildFailure extends Exception {
        NativeBuildFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Routes the components' Plexus log to the build log. */
    private static final class LogAdapter extends AbstractLogger {
        private final BuildLog log;

        LogAdapter(BuildLog log) {
            super(Logger.LEVEL_DEBUG, "native");
            this.log = log;
        }

        @Override public void debug(String message, Throwable t) { log.debug(message); }
        // The components log each command line at info; jembed shows them with mvn -X only.
        @Override public void info(String message, Throwable t) { log.debug(message); }
        @Override public void warn(String message, Throwable t) { log.warn(message); }
        @Override public void error(String message, Throwable t) { log.warn(message); }
        @Override public void fatalError(String message, Throwable t) { log.warn(message); }
        @Override public Logger getChildLogger(String name) { return this; }
    }
}
