package org.jembed.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jembed.core.ctest.CTestRunner;
import org.jembed.core.platform.LibraryFiles;
import org.jembed.core.platform.Toolset;

/**
 * Runs the project's C tests against the built library: every {@code src/test/c/*.c} is compiled with
 * {@code -Wall -Wextra -Werror} by the target platform's compiler, linked against the library
 * (<code>-l{name}</code>: <code>lib{name}.so</code>, its development symlink, or the Windows import library) and
 * run; a test passes when it exits 0 and, if a <code>{test}.expected</code> file is beside it, prints exactly that.
 * For a cross build ({@code <platform>}) the tests are compiled and linked, and run only under
 * {@code <testEmulator>}. Reports go to <code>target/jembed-reports/TEST-{test}.xml</code>.
 *
 * @since 0.1.0
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class TestMojo extends AbstractEmbedMojo {

    /**
     * The C tests.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.basedir}/src/test/c", required = true)
    private File cTestDirectory;

    /**
     * Where the test reports go.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/jembed-reports", required = true)
    private File reportsDirectory;

    /**
     * Skips the C tests (as {@code -DskipTests} does for Surefire).
     *
     * @since 0.1.0
     */
    @Parameter(property = "skipTests", defaultValue = "false")
    private boolean skipTests;

    /**
     * Skips the C tests (as {@code -Dmaven.test.skip=true}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The command that runs a test program of a cross build on this machine (CMake's
     * {@code CROSSCOMPILING_EMULATOR}), split at spaces; the program's path is appended. E.g.
     * {@code qemu-aarch64 -L /usr/aarch64-linux-gnu} for {@code linux-aarch_64} (Debian: {@code qemu-user},
     * {@code libc6-dev-arm64-cross}) or {@code wine} for {@code windows-x86_64}. Unset: a cross build's tests are
     * compiled and linked, not run. Ignored for the build machine's own platform.
     *
     * @since 0.3.0
     */
    @Parameter(property = "jembed.testEmulator")
    private String testEmulator;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests) {
            getLog().info("C tests are skipped.");
            return;
        }
        Toolset tools = toolset();
        LibraryFiles files = libraryFiles(tools.target());
        Path library = Path.of(project.getBuild().getDirectory(), files.file());
        if (!library.toFile().isFile()) {
            throw new MojoExecutionException(rel(library) + " does not exist: run the 'library' goal first (mvn package)");
        }
        List<Path> includes = new ArrayList<>();
        includes.add(headerRequest().header().toAbsolutePath().getParent());
        includeDirectories.forEach(d -> includes.add(d.toPath()));
        List<String> emulator = testEmulator == null || testEmulator.isBlank() ? List.of()
                : List.of(testEmulator.strip().split("\\s+"));
        if (tools.cross() && !emulator.isEmpty() && !Toolset.found(emulator.get(0))) {
            throw new MojoFailureException("<testEmulator> '" + emulator.get(0) + "' is not on the PATH: install it"
                    + " (Debian: qemu-user for qemu-aarch64, wine for wine) or unset it to only compile the C tests");
        }
        // A cross build's programs do not get the build JDK: it cannot run on the target.
        Map<String, String> env = tools.cross() ? Map.of() : Map.of("JAVA_HOME", javaHome().toString());
        CTestRunner.Request request = new CTestRunner.Request(tools, cTestDirectory.toPath(), includes, library, files,
                Path.of(project.getBuild().getDirectory(), "jembed-tests"), reportsDirectory.toPath(), env, emulator);
        List<CTestRunner.Outcome> outcomes;
        try {
            outcomes = CTestRunner.run(request);
        } catch (IOException e) {
            throw new MojoExecutionException("running the C tests failed: " + e.getMessage(), e);
        }
        if (outcomes.isEmpty()) {
            getLog().info("No C tests in " + rel(cTestDirectory.toPath()));
            return;
        }
        getLog().info("");
        getLog().info("-------------------------------------------------------");
        getLog().info(" C TESTS (" + rel(cTestDirectory.toPath()) + ")");
        getLog().info("-------------------------------------------------------");
        int failures = 0;
        int built = 0;
        for (CTestRunner.Outcome o : outcomes) {
            double seconds = o.run().map(r -> r.duration().toMillis() / 1000.0).orElse(0.0);
            if (o.passed() && !o.ran()) {
                built++;
            } else if (o.passed()) {
                getLog().info("Running " + o.name() + " ... ok (" + seconds + " s)");
            } else {
                failures++;
                getLog().error("Running " + o.name() + " ... FAILED: " + o.failure());
                o.run().ifPresent(r -> {
                    if (!r.stderr().isEmpty()) {
                        getLog().error(o.name() + " stderr:\n" + r.stderr());
                    }
                });
            }
        }
        if (built > 0) {
            getLog().info("Built " + built + " C test(s) for " + tools.target() + " with " + tools.compiler()
                    + ", not run: set <testEmulator>" + tools.target().emulatorExample()
                            .map(e -> " (e.g. -Djembed.testEmulator=\"" + e + "\")").orElse("") + " to run them");
        }
        getLog().info("");
        getLog().info("C tests run: " + (outcomes.size() - built) + ", Failures: " + failures
                + (built > 0 ? ", Built only: " + built : ""));
        if (failures > 0) {
            throw new MojoFailureException(failures + " of " + outcomes.size() + " C test(s) failed; see "
                    + rel(reportsDirectory.toPath()));
        }
    }
}
