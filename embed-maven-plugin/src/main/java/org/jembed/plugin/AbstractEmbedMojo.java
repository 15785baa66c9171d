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
import org.jembed.core.model.Diagnostic;
import org.jembed.core.model.DiagnosticException;

/** Parameters shared by the jembed goals, and the one place where their errors are worded. */
abstract class AbstractEmbedMojo extends AbstractMojo {

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /**
     * The library's name: the build writes <code>target/lib{libraryName}.so</code>. Must be a C identifier.
     * Default: the artifactId with {@code -} replaced by {@code _}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.libraryName")
    protected String libraryName;

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
     * The C compiler driver.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.compiler", defaultValue = "gcc")
    protected String compiler;

    /**
     * The JDK the library is built against and its C tests run on: its {@code include/} gives the JNI headers, and
     * its {@code libjvm.so} is where the library looks for a JVM after {@code JEMBED_JAVA_HOME} and a runtime bundled
     * beside it. Must be Java 22 or newer. Default: the JDK of the {@code jdk} toolchain chosen by
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
     * Extra C compiler options, after jembed's defaults ({@code -std=gnu11 -fPIC -O2 -g -fvisibility=hidden -Wall -Wextra});
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

    /** The header request every goal starts from. */
    protected Pipeline.HeaderRequest headerRequest() throws MojoFailureException {
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
                includeDirectories.stream().map(File::toPath).toList(), javaPackage(name), compiler,
                java.util.Optional.ofNullable(internalHeader).map(File::toPath), List.copyOf(compilerOptions));
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
