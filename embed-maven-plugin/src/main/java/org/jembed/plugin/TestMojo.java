package org.jembed.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jembed.core.ctest.CTestRunner;

/**
 * Runs the project's C tests against the built library: every {@code src/test/c/*.c} is compiled with
 * {@code -Wall -Wextra -Werror}, linked against <code>lib{name}.so</code> and run; a test passes when it exits 0 and,
 * if a <code>{test}.expected</code> file is beside it, prints exactly that. Reports go to
 * <code>target/jembed-reports/TEST-{test}.xml</code>.
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

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests) {
            getLog().info("C tests are skipped.");
            return;
        }
        String name = libraryName();
        Path library = Path.of(project.getBuild().getDirectory(), "lib" + name + ".so");
        if (!library.toFile().isFile()) {
            throw new MojoExecutionException(rel(library) + " does not exist: run the 'library' goal first (mvn package)");
        }
        List<Path> includes = new ArrayList<>();
        includes.add(headerRequest().header().toAbsolutePath().getParent());
        includeDirectories.forEach(d -> includes.add(d.toPath()));
        List<CTestRunner.Outcome> outcomes;
        try {
            outcomes = CTestRunner.run(new CTestRunner.Request(compiler, cTestDirectory.toPath(), includes, library, name,
                    Path.of(project.getBuild().getDirectory(), "jembed-tests"), reportsDirectory.toPath(),
                    java.util.Map.of("JAVA_HOME", javaHome().toString())));
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
        for (CTestRunner.Outcome o : outcomes) {
            double seconds = o.run().map(r -> r.duration().toMillis() / 1000.0).orElse(0.0);
            if (o.passed()) {
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
        getLog().info("");
        getLog().info("C tests run: " + outcomes.size() + ", Failures: " + failures);
        if (failures > 0) {
            throw new MojoFailureException(failures + " of " + outcomes.size() + " C test(s) failed; see "
                    + rel(reportsDirectory.toPath()));
        }
    }
}
