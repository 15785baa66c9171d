package org.jembed.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jembed.core.Pipeline;
import org.jembed.core.model.ApiModel;
import org.jembed.core.model.DiagnosticException;

/**
 * Reads the API header (real preprocessor, then jembed's parser), checks it, and generates the Java struct
 * views and constants that {@code @Export} methods use. Any error in the header fails the build with its
 * position, before anything is written.
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

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the Java sources of the header (jembed.generate.skip).");
            return;
        }
        Pipeline.HeaderRequest request = headerRequest();
        try {
            ApiModel model = Pipeline.readHeader(request, buildLog());
            java.util.Optional<ApiModel> internal = Pipeline.readInternalHeader(request, buildLog());
            List<Path> written = Pipeline.generateJava(model, internal, request.javaPackage(),
                    generatedSourcesDirectory.toPath());
            getLog().info("Read " + rel(request.header()) + ": " + model.functions().size() + " exported function(s), "
                    + model.structs().size() + " struct(s); " + written.size() + " Java source(s) updated in "
                    + rel(generatedSourcesDirectory.toPath()));
        } catch (DiagnosticException e) {
            throw failure(e, "the API header " + rel(request.header()) + " has errors");
        } catch (IOException e) {
            throw new MojoExecutionException("reading " + request.header() + " failed: " + e.getMessage(), e);
        }
        project.addCompileSourceRoot(generatedSourcesDirectory.getPath());
    }
}
