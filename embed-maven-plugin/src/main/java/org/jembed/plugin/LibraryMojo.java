package org.jembed.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.jembed.core.Pipeline;
import org.jembed.core.bind.ExportScanner;
import org.jembed.core.glue.GlueRenderer;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.nativebuild.NativeBuilder;

/**
 * Builds {@code lib<name>.so}: checks that every exported function has exactly one {@code @Export} method of a
 * compatible signature, generates the bridge, freezes the classes (the project's, its runtime dependencies and
 * the jembed runtime) into the library, renders the C glue, compiles and links it with the project's own C
 * ({@code src/main/c/*.c}), and attaches the library with an OS-arch classifier such as {@code linux-x86_64}.
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
     * Where the glue sources are generated.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/jembed/c", required = true)
    private File generatedCDirectory;

    /**
     * Options for a JVM the library creates, after jembed's defaults ({@code -Xrs}, {@code -XX:+UseSerialGC},
     * {@code -Xms8m}, {@code -XX:-UsePerfData}); a later option wins, e.g. {@code -XX:+UseG1GC} or {@code -Xmx256m}. Ignored when
     * the library joins a JVM that already runs in the process.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<String> jvmOptions = new ArrayList<>();

    /**
     * Extra C compiler options, after jembed's defaults ({@code -std=gnu11 -fPIC -O2 -g -fvisibility=hidden -Wall -Wextra}).
     *
     * @since 0.1.0
     */
    @Parameter
    private List<String> compilerOptions = new ArrayList<>();

    /**
     * Extra linker options, e.g. {@code -lm} for libraries user C needs.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<String> linkerOptions = new ArrayList<>();

    /**
     * The JDK the library is built against: its {@code include/} gives the JNI headers, and its {@code libjvm.so} is
     * where the library looks for a JVM after {@code JEMBED_JAVA_HOME} and a runtime bundled beside it.
     * Must be Java 22 or newer.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.javaHome", defaultValue = "${java.home}", required = true)
    private File javaHome;

    /**
     * When set, the library also exports {@code int <startFunction>(void)}, which starts the runtime at once and
     * returns 0, or -1 when start failed (CFFI: {@code cffi_start_python}).
     *
     * @since 0.1.0
     */
    @Parameter
    private String startFunction;

    /**
     * Whether JVM options may also come from the environment variable named after the library,
     * {@code <LIBRARYNAME>_JVM_OPTIONS} (e.g. {@code MY_PLUGIN_JVM_OPTIONS=-Xmx64m}); they follow the pom's
     * {@link #jvmOptions}. Set to {@code false} to forbid.
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
     * When set, the library also exports {@code int <shutdownFunction>(void)}: later calls return their error value,
     * and when no other jembed library uses the JVM and a jembed library created it, the JVM is destroyed (shutdown
     * hooks run). A JVM cannot be created again in the same process. Returns 0, or -1 when not started.
     *
     * @since 0.1.0
     */
    @Parameter
    private String shutdownFunction;

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
     * The classifier of the attached library. Default: {@code <os>-<arch>}, e.g. {@code linux-x86_64}
     * (os-maven-plugin's {@code os.detected.classifier} spelling).
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.classifier")
    private String classifier;

    @Component
    private MavenProjectHelper projectHelper;

    private GlueRenderer.Dispatch dispatch() throws MojoFailureException {
        for (GlueRenderer.Dispatch d : GlueRenderer.Dispatch.values()) {
            if (d.name().equalsIgnoreCase(dispatch)) {
                return d;
            }
        }
        throw new MojoFailureException("<dispatch> must be auto, jni or ffm, got '" + dispatch + "'");
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Pipeline.HeaderRequest header = headerRequest();
        String name = libraryName();
        requireIdentifier("startFunction", startFunction);
        requireIdentifier("shutdownFunction", shutdownFunction);
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
        Pipeline.LibraryRequest request = new Pipeline.LibraryRequest(header, name, classes, runtime,
                Path.of(project.getBuild().getDirectory()), generatedCDirectory.toPath(), userCSources(),
                javaHome.toPath(), jvmOptions, compilerOptions, linkerOptions, Optional.ofNullable(startFunction),
                new GlueRenderer.RuntimeOptions(
                        jvmOptionsFromEnvironment ? Optional.of(name.toUpperCase(Locale.ROOT) + "_JVM_OPTIONS") : Optional.empty(),
                        strictEnvironment, Optional.ofNullable(shutdownFunction), dispatch()),
                this::javaSource);
        Pipeline.LibraryResult result;
        try {
            result = Pipeline.buildLibrary(request, buildLog());
        } catch (DiagnosticException e) {
            throw failure(e, "the bindings of " + rel(header.header()) + " do not check");
        } catch (NativeBuilder.NativeBuildFailure e) {
            throw new MojoFailureException(e.getMessage() + " (the compiler's messages are above)", e);
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        getLog().info("Built " + rel(result.library()) + " (" + result.bindings() + " exported function(s), native build "
                + result.nativeBuild().duration().toMillis() + " ms)");
        projectHelper.attachArtifact(project, "so", classifier(), result.library().toFile());
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

    /** The source file of a Java method, relative to the project, for binding messages. */
    private String javaSource(ExportScanner.Found found) {
        String pkg = found.className().contains("/") ? found.className().substring(0, found.className().lastIndexOf('/')) : "";
        for (String root : project.getCompileSourceRoots()) {
            Path candidate = Path.of(root, pkg, found.sourceFile());
            if (Files.isRegularFile(candidate)) {
                return rel(candidate).toString();
            }
        }
        return pkg.isEmpty() ? found.sourceFile() : pkg + "/" + found.sourceFile();
    }

    private String classifier() {
        if (classifier != null) {
            return classifier;
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "osx" : os.startsWith("windows") ? "windows" : os.replaceAll("\\W", "");
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> arch.replaceAll("\\W", "");
        };
        return osName + "-" + archName;
    }
}
