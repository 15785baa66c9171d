package org.jembed.core.aot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jembed.core.BuildLog;
import org.jembed.core.ToolCall;
import org.jembed.core.glue.GlueRenderer;
import org.jembed.core.platform.Platform;

/**
 * The start-up cache of a jembed library: a JDK AOT cache (JEP 483, {@code -XX:AOTCache}) of the JDK classes the
 * library's start loads and links, produced at build time by a training run, written beside the library as
 * {@code lib<name>.<hash>.aot}.
 *
 * <p>Production, three steps in {@code <buildDir>/jembed/aot/}:
 * <ol>
 *   <li>a training driver ({@code train.c}, generated) is linked with the library's own objects (so it can call the
 *       hidden start function {@code jembed_<name>_start}, which every library has), and run with
 *       {@code -XX:AOTMode=record -XX:AOTConfiguration=train.aotconf} passed through the library's options
 *       environment variable (or {@code JAVA_TOOL_OPTIONS} when the pom forbids that one); after the start it
 *       destroys the JVM ({@code DestroyJavaVM}), which is when the JVM writes the configuration — an embedded JVM
 *       that is never destroyed writes nothing;</li>
 *   <li>{@code <javaHome>/bin/java -XX:AOTMode=create -XX:AOTConfiguration=train.aotconf -XX:AOTCache=<file>}
 *       with the library's JVM options writes the cache;</li>
 *   <li>older {@code lib<name>.*.aot} files beside the library are deleted.</li>
 * </ol>
 *
 * <p>The hash (16 hex digits of SHA-256) covers the frozen image's SHA-256, the library's JVM options, the JDK's
 * {@code release} file and the size and modification time of its libjvm ({@link Platform#libjvmPath()}): a rebuilt library or another
 * JDK names another file, so a stale cache (JDK-8377932: a cache keeps serving the classes it was made with) is never
 * picked up by name. The JVM also refuses a cache made by another JVM build, but then runs without any CDS archive
 * (twice the start time, and an error line on stderr), so the runtime must only pass a cache whose name it expects,
 * and only to the JDK the library was built against.
 *
 * <p>Classes of the frozen image are loaded by jembed's own class loader, which an AOT cache does not hold (the
 * record step prints "Skipping org/jembed/runtime/boot/FrozenLoader: Unsupported location"): the cache speeds up
 * the JDK's side of the start. A training run that fails (the library's init code throws, no JDK 25) is reported as
 * a warning and leaves no cache: the library itself is unaffected.
 */
public final class StartupCache {
    /**
     * A request for a cache.
     *
     * @param libraryName   the library's name (a C identifier): the cache is {@code lib<name>.<hash>.aot}
     * @param library       the built library; the cache is written into its directory
     * @param objectDir     where the native build put the library's objects ({@code *.o}, searched recursively)
     * @param compiler      the C compiler driver, e.g. {@code gcc}
     * @param linkerOptions the library's extra linker options (the libraries user C needs)
     * @param javaHome      the JDK the library was built against
     * @param platform      the build machine's platform, which is also the library's (no cache for a cross build):
     *                      where the JDK's libjvm and {@code jni_md.h} are, which system libraries to link
     * @param jvmOptions    every JVM option the library passes, defaults first
     * @param imageHash     the frozen image's SHA-256 (hex)
     * @param dispatch      the library's dispatch ({@code auto}, {@code jni}, {@code ffm}): part of the name
     * @param optionsEnvVar the library's JVM-options environment variable, when the pom allows it
     * @param training      the runtime's {@value #TRAINING_CLASS} class file, when the runtime class path has one:
     *                      the training run also builds FFM upcall stubs with it (not for {@code jni} dispatch)
     * @param workDir       scratch directory for the driver and the configuration
     */
    public record Request(String libraryName, Path library, Path objectDir, String compiler, List<String> linkerOptions,
                          Path javaHome, Platform platform, List<String> jvmOptions, String imageHash, String dispatch,
                          Optional<String> optionsEnvVar, Optional<byte[]> training, Path workDir) {}

    /** The runtime class whose {@code run()} builds FFM upcall stubs in the training run (binary name, slashes). */
    public static final String TRAINING_CLASS = "org/jembed/runtime/dispatch/AotTraining";

    /**
     * A produced cache.
     *
     * @param cache    the cache file, beside the library
     * @param bytes    its size
     * @param duration training run plus creation
     */
    public record Result(Path cache, long bytes, Duration duration) {}

    private StartupCache() {
    }

    /**
     * The cache's file name for a library: {@code lib<name>.<16 hex digits>.aot}.
     *
     * @param platform the build machine's platform: where the JDK's libjvm is
     * @throws IOException when the JDK's {@code release} file or libjvm cannot be read
     */
    public static String fileName(String libraryName, Path javaHome, Platform platform, List<String> jvmOptions,
                                  String imageHash, String dispatch) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
        sha.update(("image " + imageHash + "\ndispatch " + dispatch + "\n").getBytes(StandardCharsets.UTF_8));
        for (String o : jvmOptions) {
            sha.update(("option " + o + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path release = javaHome.resolve("release");
        if (Files.isRegularFile(release)) {
            sha.update(Files.readAllBytes(release));
        }
        Path libjvm = javaHome.resolve(platform.libjvmPath());
        sha.update(("libjvm " + Files.size(libjvm) + " " + Files.getLastModifiedTime(libjvm).toMillis() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return "lib" + libraryName + "." + HexFormat.of().formatHex(sha.digest(), 0, 8) + ".aot";
    }

    /**
     * Trains and writes the cache; a failure is a warning on {@code log} and an empty result.
     *
     * @throws IOException when a file cannot be written or a tool cannot be started
     */
    public static Optional<Result> produce(Request r, BuildLog log) throws IOException {
        long start = System.nanoTime();
        Path dir = r.library().toAbsolutePath().getParent();
        String name = fileName(r.libraryName(), r.javaHome(), r.platform(), r.jvmOptions(), r.imageHash(), r.dispatch());
        Path cache = dir.resolve(name);
        deleteOthers(dir, r.libraryName(), name);
        Path work = Files.createDirectories(r.workDir());
        Path conf = work.resolve("train.aotconf");
        Files.deleteIfExists(conf);
        Files.deleteIfExists(cache);

        Path source = work.resolve("train.c");
        byte[] training = r.dispatch().equals("jni") ? new byte[0] : r.training().orElse(new byte[0]);
        Files.writeString(source, driver(GlueRenderer.startSymbol(r.libraryName()),
                r.javaHome().resolve(r.platform().libjvmPath()).toAbsolutePath().toString(), training));
        List<String> objects;
        try (Stream<Path> s = Files.walk(r.objectDir())) {
            objects = s.filter(p -> p.toString().endsWith(".o")).map(p -> p.toAbsolutePath().toString()).sorted().toList();
        }
        Path exe = work.resolve("train");
        List<String> cc = new ArrayList<>(List.of(r.compiler(), "-o", exe.toString(), source.toString(),
                "-I" + r.javaHome().resolve("include"),
                "-I" + r.javaHome().resolve("include").resolve(r.platform().jniIncludeDirectory())));
        cc.addAll(objects);
        cc.addAll(r.linkerOptions());
        cc.addAll(r.platform().systemLibraries());
        ToolCall link = ToolCall.run(cc, work);
        if (!link.succeeded()) {
            log.warn("No start-up cache: the training driver does not link: " + link.summary());
            return Optional.empty();
        }

        // Relative path: the options variable is split at white space, and the run's directory is work.
        String record = "-XX:AOTMode=record -XX:AOTConfiguration=" + conf.getFileName();
        Map<String, String> env = r.optionsEnvVar().isPresent()
                ? Map.of(r.optionsEnvVar().get(), record, "JEMBED_TRACE", "")
                : Map.of("JAVA_TOOL_OPTIONS", record, "JEMBED_TRACE", "");
        ToolCall train = ToolCall.run(List.of(exe.toString()), work, env);
        if (!train.succeeded() || !Files.isRegularFile(conf) || Files.size(conf) == 0) {
            log.warn("No start-up cache: the training run failed: " + train.summary());
            return Optional.empty();
        }

        List<String> create = new ArrayList<>(List.of(r.javaHome().resolve("bin/java").toString(),
                "-XX:AOTMode=create", "-XX:AOTConfiguration=" + conf, "-XX:AOTCache=" + cache));
        create.addAll(r.jvmOptions());
        ToolCall made = ToolCall.run(create, work);
        if (!made.succeeded() || !Files.isRegularFile(cache)) {
            log.warn("No start-up cache: the JDK did not create it: " + made.summary());
            Files.deleteIfExists(cache);
            return Optional.empty();
        }
        return Optional.of(new Result(cache, Files.size(cache), Duration.ofNanos(System.nanoTime() - start)));
    }

    /** Deletes {@code lib<name>.*.aot} in {@code dir} except {@code keep}: caches of earlier builds. */
    private static void deleteOthers(Path dir, String libraryName, String keep) throws IOException {
        String prefix = "lib" + libraryName + ".";
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> {
                String f = p.getFileName().toString();
                return f.startsWith(prefix) && f.endsWith(".aot") && !f.equals(keep)
                        && f.substring(prefix.length(), f.length() - 4).matches("[0-9a-f]{16}");
            }).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Reads the {@value #TRAINING_CLASS} class file from a class path (jars and directories), if one has it.
     *
     * @throws IOException when a jar cannot be read
     */
    public static Optional<byte[]> trainingClass(List<Path> classpath) throws IOException {
        String entry = TRAINING_CLASS + ".class";
        for (Path p : classpath) {
            if (Files.isDirectory(p)) {
                Path f = p.resolve(entry);
                if (Files.isRegularFile(f)) {
                    return Optional.of(Files.readAllBytes(f));
                }
            } else if (Files.isRegularFile(p)) {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(p.toFile())) {
                    java.util.zip.ZipEntry e = zip.getEntry(entry);
                    if (e != null) {
                        try (var in = zip.getInputStream(e)) {
                            return Optional.of(in.readAllBytes());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The training driver: starts the library; defines the training class from {@code training} (when not empty) in
     * the boot loader and calls its {@code run()}; then destroys the JVM so that the configuration is written.
     */
    static String driver(String startSymbol, String libjvm, byte[] training) {
        StringBuilder bytes = new StringBuilder();
        for (int i = 0; i < training.length; i++) {
            bytes.append(i % 24 == 0 ? "\n    " : " ").append(training[i] & 0xFF).append(',');
        }
        if (training.length == 0) {
            bytes.append("0");
        }
        return """
                /* Generated by jembed: the start-up cache's training run. Starts the library through its hidden start
                 * function, builds a few FFM upcall stubs (the runtime's AotTraining), then destroys the JVM: the JVM
                 * writes -XX:AOTConfiguration when it is destroyed. */
                #include <dlfcn.h>
                #include <stdio.h>
                #include <jni.h>

                int %1$s(void);

                typedef jint (*created_fn)(JavaVM **, jsize, jsize *);

                static const unsigned char training[] = {%3$s
                };
                static const jsize training_length = %4$d;

                static void train_ffm(JavaVM *vm) {
                    JNIEnv *env = NULL;
                    if (training_length == 0 || (*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_10) != JNI_OK) {
                        return;
                    }
                    jclass c = (*env)->DefineClass(env, "%5$s", NULL, (const jbyte *)training, training_length);
                    jmethodID run = c != NULL ? (*env)->GetStaticMethodID(env, c, "run", "()V") : NULL;
                    if (run != NULL) {
                        (*env)->CallStaticVoidMethod(env, c, run);
                    }
                    if ((*env)->ExceptionCheck(env)) {
                        fprintf(stderr, "jembed training run: no FFM stubs in the cache:\\n");
                        (*env)->ExceptionDescribe(env);
                        (*env)->ExceptionClear(env);
                    }
                }

                int main(void) {
                    if (%1$s() != 0) {
                        fprintf(stderr, "jembed training run: the library did not start\\n");
                        return 1;
                    }
                    created_fn created = (created_fn)dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
                    if (created == NULL) {
                        void *jvm = dlopen("%2$s", RTLD_NOW | RTLD_NOLOAD);
                        if (jvm != NULL) {
                            created = (created_fn)dlsym(jvm, "JNI_GetCreatedJavaVMs");
                        }
                    }
                    JavaVM *vm = NULL;
                    jsize count = 0;
                    if (created == NULL || created(&vm, 1, &count) != JNI_OK || count < 1) {
                        fprintf(stderr, "jembed training run: no JVM to destroy\\n");
                        return 1;
                    }
                    train_ffm(vm);
                    return (*vm)->DestroyJavaVM(vm) == JNI_OK ? 0 : 1;
                }
                """.formatted(startSymbol, libjvm.replace("\\", "\\\\").replace("\"", "\\\""), bytes,
                training.length, TRAINING_CLASS);
    }
}
