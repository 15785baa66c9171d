package org.jembed.core.nativebuild;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.codehaus.mojo.natives.NativeBuildException;
import org.codehaus.mojo.natives.c.CCompiler;
import org.codehaus.mojo.natives.c.CLinker;
import org.codehaus.mojo.natives.compiler.CompilerConfiguration;
import org.codehaus.mojo.natives.linker.LinkerConfiguration;
import org.codehaus.plexus.logging.AbstractLogger;
import org.codehaus.plexus.logging.Logger;
import org.jembed.core.BuildLog;
import org.jembed.core.ToolCall;

/**
 * The native build stage: compiles the glue, the runtime helper and the user's C, and links
 * {@code lib<name>.so}, through the compiler and linker components of MojoHaus native-maven-plugin
 * ({@code maven-native-generic-c} 1.0.0). Those components skip objects that are newer than their sources
 * and headers; generated files are rewritten only on change, so an unchanged library is not rebuilt.
 */
public final class NativeBuilder {

    /**
     * One native build.
     *
     * @param compiler        the C compiler driver, e.g. {@code gcc}
     * @param glueSources     generated C and the runtime helper: compiled with {@code -Werror}
     * @param userSources     the project's own C ({@code src/main/c/*.c})
     * @param includeDirs     {@code -I} directories (generated dir, header dir, JDK {@code include} and {@code include/linux})
     * @param compilerOptions options for every compile, after jembed's defaults
     * @param linkerOptions   options for the link, after jembed's defaults
     * @param objectDir       where objects go
     * @param output          the library to write, e.g. {@code target/libmy_plugin.so}
     * @param staticOutput    a static archive of the same objects to write too, e.g. {@code target/libmy_plugin.a}
     *                        (CFFI: {@code emit_c_code}, linked into a program), if wanted
     */
    public record Request(String compiler, List<Path> glueSources, List<Path> userSources, List<Path> includeDirs,
                          List<String> compilerOptions, List<String> linkerOptions, Path objectDir, Path output,
                          Optional<Path> staticOutput) {
        /** A request for the shared library only. */
        public Request(String compiler, List<Path> glueSources, List<Path> userSources, List<Path> includeDirs,
                       List<String> compilerOptions, List<String> linkerOptions, Path objectDir, Path output) {
            this(compiler, glueSources, userSources, includeDirs, compilerOptions, linkerOptions, objectDir, output,
                    Optional.empty());
        }
    }

    /**
     * What the build did.
     *
     * @param library       the linked library
     * @param staticLibrary the static archive, when one was asked for
     * @param duration      wall-clock time of compile and link
     */
    public record Result(Path library, Optional<Path> staticLibrary, Duration duration) {}

    /** jembed's compile defaults: position-independent, hidden symbols unless exported, warnings on. */
    public static final List<String> DEFAULT_COMPILER_OPTIONS =
            List.of("-std=gnu11", "-fPIC", "-O2", "-g", "-fvisibility=hidden", "-Wall", "-Wextra");

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
        Files.createDirectories(request.objectDir());
        Files.createDirectories(request.output().toAbsolutePath().getParent());
        List<File> objects = new ArrayList<>();
        List<String> glueOptions = new ArrayList<>(DEFAULT_COMPILER_OPTIONS);
        glueOptions.add("-Werror");
        glueOptions.addAll(request.compilerOptions());
        objects.addAll(compile(request, request.glueSources(), glueOptions, log));
        if (!request.userSources().isEmpty()) {
            List<String> userOptions = new ArrayList<>(DEFAULT_COMPILER_OPTIONS);
            userOptions.addAll(request.compilerOptions());
            objects.addAll(compile(request, request.userSources(), userOptions, log));
        }
        LinkerConfiguration link = new LinkerConfiguration();
        link.setExecutable(request.compiler());
        link.setWorkingDirectory(request.objectDir().toFile());
        link.setOutputDirectory(request.output().toAbsolutePath().getParent().toFile());
        String fileName = request.output().getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        link.setOutputFileName(fileName.substring(0, dot));
        link.setOutputFileExtension(fileName.substring(dot + 1));
        List<String> start0 = new ArrayList<>(List.of("-shared", "-Wl,-soname," + fileName, "-Wl,-rpath,$ORIGIN",
                "-Wl,-z,defs", "-Wl,--as-needed"));
        link.setStartOptions(start0.toArray(String[]::new));
        List<String> end = new ArrayList<>(List.of("-ldl", "-lpthread"));
        end.addAll(request.linkerOptions());
        link.setEndOptions(end.toArray(String[]::new));
        link.setExternalLibFileNames(List.of());
        CLinker linker = new CLinker();
        linker.enableLogging(new LogAdapter(log));
        try {
            linker.link(link, objects);
        } catch (NativeBuildException e) {
            throw new NativeBuildFailure("linking " + request.output().getFileName() + " failed", null);
        }
        if (request.staticOutput().isPresent()) {
            archive(request.staticOutput().get(), objects, request.objectDir(), log);
        }
        return new Result(request.output(), request.staticOutput(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** {@code ar rcsD}: a deterministic archive (zero dates, uids and modes) of the library's objects. */
    private static void archive(Path output, List<File> objects, Path objectDir, BuildLog log)
            throws NativeBuildFailure, IOException {
        Files.deleteIfExists(output);
        List<String> ar = new ArrayList<>(List.of("ar", "rcsD", output.toAbsolutePath().toString()));
        objects.stream().map(f -> objectDir.toAbsolutePath().relativize(f.toPath().toAbsolutePath()).toString())
                .sorted().forEach(ar::add);
        ToolCall call = ToolCall.run(ar, objectDir);
        log.debug(call.summary());
        if (!call.succeeded()) {
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
                throw new NativeBuildFailure(request.compiler() + " failed on " + String.join(", ", failed), null);
            }
            return objects;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<File> compileOne(Request request, Path source, List<String> options, BuildLog log)
            throws NativeBuildException {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setExecutable(request.compiler());
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
