package org.jembed.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jembed.core.ctest.CTestRunner;
import org.jembed.core.platform.LibraryFiles;
import org.jembed.core.platform.Platform;
import org.jembed.core.platform.PlatformLayout;
import org.jembed.core.platform.PlatformValues;
import org.jembed.core.platform.Toolset;

/**
 * Runs the project's C tests against the built library: every {@code src/test/c/*.c} is compiled with
 * {@code -Wall -Wextra -Werror} by the target platform's compiler, linked against the library
 * (<code>-l{name}</code>: <code>lib{name}.so</code>, its development symlink, or the Windows import library) and
 * run; a test passes when it exits 0 and, if a <code>{test}.expected</code> file is beside it, prints exactly that.
 * For a cross build ({@code <platform>}) the tests are compiled and linked, and run only under
 * {@code <testEmulator>}. Reports go to <code>target/jembed-reports/TEST-{test}.xml</code>, another platform's to
 * <code>target/{platform}/jembed-reports/</code>. With {@code <platforms>} each platform's tests are run (or only
 * built) in turn, and the goal fails after all ran, naming each platform with failures.
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
     * Where the test reports go, for the build machine's platform; another platform's go to the same place below
     * <code>target/{platform}/</code>.
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
     * {@code libc6-dev-arm64-cross}) or {@code wine} for {@code windows-x86_64}. For a build of several
     * {@code <platforms>}, name the platform of each: <code>{platform}={command}</code> entries separated by {@code ;},
     * e.g. {@code -Djembed.testEmulator="linux-aarch_64=qemu-aarch64 -L /usr/aarch64-linux-gnu; windows-x86_64=wine"};
     * its entries win over {@link #testEmulators}. A cross platform without one gets its C tests compiled and linked,
     * not run. Ignored for the build machine's own platform.
     *
     * @since 0.3.0
     */
    @Parameter(property = "jembed.testEmulator")
    private String testEmulator;

    /**
     * The pom's form of per-platform {@link #testEmulator}s: one element per platform, named by it, e.g.
     * {@code <linux-aarch_64>qemu-aarch64 -L /usr/aarch64-linux-gnu</linux-aarch_64>},
     * {@code <windows-x86_64>wine</windows-x86_64>}. Platforms this build is not for are ignored.
     *
     * @since 0.3.0
     */
    @Parameter
    private Map<String, String> testEmulators = new LinkedHashMap<>();

    /** One platform's C tests, ready to run: its library, emulator (empty: none) and folders. */
    private record Run(Toolset tools, LibraryFiles files, Path library, List<String> emulator, Path work, Path reports) {}

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests) {
            getLog().info("C tests are skipped.");
            return;
        }
        List<Toolset> toolsets = toolsets();
        boolean several = toolsets.size() > 1;
        List<Platform> cross = toolsets.stream().filter(Toolset::cross).map(Toolset::target).toList();
        List<Run> runs = new ArrayList<>();
        try {
            PlatformValues emulators = PlatformValues.parse("testEmulator", testEmulator).orElse("testEmulators", testEmulators);
            for (Toolset tools : toolsets) {
                List<String> emulator = tools.cross() ? emulators.of(tools.target(), cross)
                        .map(e -> List.of(e.split("\\s+"))).orElse(List.of()) : List.of();
                if (!emulator.isEmpty() && !Toolset.found(emulator.get(0))) {
                    throw new MojoFailureException("<testEmulator> '" + emulator.get(0) + "' for " + tools.target()
                            + " is not on the PATH: install it (Debian: qemu-user for qemu-aarch64, wine for wine) or"
                            + " unset it to only compile the C tests");
                }
                LibraryFiles files = libraryFiles(tools.target());
                PlatformLayout layout = layout(tools);
                Path library = layout.directory().resolve(files.file());
                if (!library.toFile().isFile()) {
                    throw new MojoExecutionException(rel(library) + " does not exist: run the 'library' goal first (mvn"
                            + " package)");
                }
                runs.add(new Run(tools, files, library, emulator,
                        layout.relocate(Path.of(project.getBuild().getDirectory(), "jembed-tests")),
                        layout.relocate(reportsDirectory.toPath())));
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        }
        List<Path> includes = new ArrayList<>();
        includes.add(headerRequest().header().toAbsolutePath().getParent());
        includeDirectories.forEach(d -> includes.add(d.toPath()));
        boolean banner = false;
        List<String> summaries = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Run run : runs) {
            Toolset tools = run.tools();
            // A cross build's programs do not get the build JDK: it cannot run on the target.
            Map<String, String> env = tools.cross() ? Map.of() : Map.of("JAVA_HOME", javaHome().toString());
            CTestRunner.Request request = new CTestRunner.Request(tools, cTestDirectory.toPath(), includes, run.library(),
                    run.files(), run.work(), run.reports(), env, run.emulator());
            List<CTestRunner.Outcome> outcomes;
            try {
                outcomes = CTestRunner.run(request);
            } catch (IOException e) {
                throw new MojoExecutionException("running the C tests" + (several ? " for " + tools.target() : "")
                        + " failed: " + e.getMessage(), e);
            }
            if (outcomes.isEmpty()) {
                getLog().info("No C tests in " + rel(cTestDirectory.toPath()));
                return;
            }
            if (!banner) {
                getLog().info("");
                getLog().info("-------------------------------------------------------");
                getLog().info(" C TESTS (" + rel(cTestDirectory.toPath()) + ")");
                getLog().info("-------------------------------------------------------");
                banner = true;
            }
            String on = several ? " on " + tools.target() : "";
            int failures = 0;
            int built = 0;
            for (CTestRunner.Outcome o : outcomes) {
                double seconds = o.run().map(r -> r.duration().toMillis() / 1000.0).orElse(0.0);
                if (o.passed() && !o.ran()) {
                    built++;
                } else if (o.passed()) {
                    getLog().info("Running " + o.name() + on + " ... ok (" + seconds + " s)");
                } else {
                    failures++;
                    getLog().error("Running " + o.name() + on + " ... FAILED: " + o.failure());
                    o.run().ifPresent(r -> {
                        if (!r.stderr().isEmpty()) {
                            getLog().error(o.name() + on + " stderr:\n" + r.stderr());
                        }
                    });
                }
            }
            if (built > 0) {
                String example = tools.target().emulatorExample().map(e -> " (e.g. -Djembed.testEmulator=\""
                        + (several ? tools.target() + "=" : "") + e + "\")").orElse("");
                getLog().info("Built " + built + " C test(s) for " + tools.target() + " with " + tools.compiler()
                        + ", not run: set <testEmulator>" + example + " to run them");
            }
            String counts = "run: " + (outcomes.size() - built) + ", Failures: " + failures
                    + (built > 0 ? ", Built only: " + built : "");
            summaries.add("C tests" + on + (run.emulator().isEmpty() || !several ? "" : " (under "
                    + String.join(" ", run.emulator()) + ")") + " " + counts);
            if (failures > 0) {
                failed.add(failures + " of " + outcomes.size() + " C test(s)" + on + " failed; see " + rel(run.reports()));
            }
        }
        getLog().info("");
        summaries.forEach(getLog()::info);
        if (!failed.isEmpty()) {
            throw new MojoFailureException(String.join("; ", failed));
        }
    }
}
