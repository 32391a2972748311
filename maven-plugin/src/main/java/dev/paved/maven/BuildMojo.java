package dev.paved.maven;

import dev.paved.pipeline.Pipeline;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Builds the whole portal described by a {@code paved.yaml}, as {@code paved build} does. */
@Mojo(name = "build", threadSafe = true)
public final class BuildMojo extends AbstractMojo {

    /** The project folder: its {@code paved.yaml}, or the defaults ({@code catalog/}, {@code content/}). */
    @Parameter(property = "paved.projectDirectory", defaultValue = "${project.basedir}")
    private File projectDirectory;

    /** Where the site is written; the configured output when not set. */
    @Parameter(property = "paved.output")
    private File outputDirectory;

    /** Count warnings as errors and fail the build when there is any. */
    @Parameter(property = "paved.strict", defaultValue = "false")
    private boolean strict;

    /** Render every doc set, not using those an earlier build kept in the cache folder. */
    @Parameter(property = "paved.noCache", defaultValue = "false")
    private boolean noCache;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Diagnostics configProblems = new Diagnostics();
        PavedConfig config = ConfigReader.read(projectDirectory.toPath(), configProblems);
        if (outputDirectory != null) {
            config = config.withOutput(outputDirectory.toPath());
        }
        Pipeline.Result result;
        try {
            result = Pipeline.build(config, Pipeline.Options.defaults().withStrict(strict)
                    .withCache(!noCache).withConfigProblems(configProblems.sorted()));
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        MojoLog.report(getLog(), result.diagnostics());
        getLog().info(result.summary() + " -> " + result.output());
        if (strict && result.count(Severity.ERROR) > 0) {
            throw new MojoFailureException(result.count(Severity.ERROR) + " error(s); see the messages above");
        }
    }
}
