package org.jembed.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jembed.core.Pipeline;
import org.jembed.core.PlatformAgreement;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.DiagnosticException;
import org.jembed.core.platform.Toolset;

/**
 * Reads the API header (real preprocessor, then jembed's parser), checks it, and generates the Java struct
 * views and constants that {@code @Export} methods use. Any error in the header fails the build with its
 * position, before anything is written. For a build of several {@code <platforms>} the header is read by each
 * platform's compiler and one set of views is written, which every platform must agree on (see {@code <platforms>}).
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractEmbedMojo {

    /**
     * Where the generated Java sources go; added as a compile source root.
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/jembed/java", required = true)
    private File generatedSourcesDirectory;

    /**
     * Skips reading the header and generating the Java sources.
     *
     * @since 0.1.0
     */
    @Parameter(property = "jembed.generate.skip", defaultValue = "false")
    private boolean skip;

    /** The header and internal header as {@code tools}' compiler reads them. */
    private PlatformAgreement.Reading read(Toolset tools) throws MojoExecutionException, MojoFailureException {
        Pipeline.HeaderRequest request = headerRequest(tools);
        try {
            return new PlatformAgreement.Reading(tools.target(), Pipeline.readHeader(request, buildLog()),
                    Pipeline.readInternalHeader(request, buildLog()));
        } catch (DiagnosticException e) {
            throw failure(e, "the API header " + rel(request.header()) + " has errors for " + tools.target());
        } catch (IOException e) {
            throw new MojoExecutionException("reading " + request.header() + " for " + tools.target() + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the Java sources of the header (jembed.generate.skip).");
            return;
        }
        List<Toolset> toolsets = toolsets();
        Pipeline.HeaderRequest request = headerRequest(toolsets.get(0));
        try {
            ApiModel model = Pipeline.readHeader(request, buildLog());
            Optional<ApiModel> internal = Pipeline.readInternalHeader(request, buildLog());
            if (toolsets.size() > 1) {
                List<PlatformAgreement.Reading> readings = new ArrayList<>();
                readings.add(new PlatformAgreement.Reading(toolsets.get(0).target(), model, internal));
                for (Toolset tools : toolsets.subList(1, toolsets.size())) {
                    readings.add(read(tools));
                }
                PlatformAgreement.Result agreement = PlatformAgreement.compare(readings, request.javaPackage());
                if (!agreement.agree()) {
                    MojoFailureException f = failure(new DiagnosticException(agreement.errors()), "the platforms of"
                            + " this build disagree on the Java of " + rel(request.header()));
                    throw new MojoFailureException(f.getMessage() + "; " + PlatformAgreement.fix(agreement.disagreeing()));
                }
            }
            List<Path> written = Pipeline.generateJava(model, internal, request.javaPackage(),
                    generatedSourcesDirectory.toPath());
            getLog().info("Read " + rel(request.header()) + (toolsets.size() > 1 ? " for " + toolsets.stream()
                    .map(t -> t.target().classifier()).collect(Collectors.joining(", ")) + " (the same Java on each)" : "")
                    + ": " + model.functions().size() + " exported function(s), "
                    + model.structs().size() + " struct(s); " + written.size() + " Java source(s) updated in "
                    + rel(generatedSourcesDirectory.toPath()));
        } catch (DiagnosticException e) {
            throw failure(e, "the API header " + rel(request.header()) + " has errors"
                    + (toolsets.size() > 1 ? " for " + toolsets.get(0).target() : ""));
        } catch (IOException e) {
            throw new MojoExecutionException("reading " + request.header() + " failed: " + e.getMessage(), e);
        }
        project.addCompileSourceRoot(generatedSourcesDirectory.getPath());
    }
}
