package dev.paved.maven;

import dev.paved.pipeline.Pipeline;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Severity;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds this repository's TechDocs ({@code mkdocs.yml} and {@code docs/}) into a static site with a
 * {@code techdocs_metadata.json}, as {@code techdocs-cli generate} does; the same pages the portal renders.
 */
@Mojo(name = "techdocs", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class TechDocsMojo extends AbstractMojo {

    /** The folder with {@code mkdocs.yml}. */
    @Parameter(property = "paved.docsDirectory", defaultValue = "${project.basedir}")
    private File docsDirectory;

    /** Where the site is written. */
    @Parameter(property = "paved.techdocsOutput", defaultValue = "${project.build.directory}/techdocs")
    private File outputDirectory;

    /** Fail the build on broken links, missing anchors and other warnings, not only on errors. */
    @Parameter(property = "paved.failOnWarnings", defaultValue = "false")
    private boolean failOnWarnings;

    /** A theme folder overriding the built-in theme. */
    @Parameter(property = "paved.theme")
    private File theme;

    /** Skip the goal. */
    @Parameter(property = "paved.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping TechDocs (paved.skip)");
            return;
        }
        Pipeline.Result result;
        try {
            result = Pipeline.techdocs(docsDirectory.toPath(), outputDirectory.toPath(),
                    Optional.ofNullable(theme).map(File::toPath), failOnWarnings);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write " + outputDirectory + ": " + e.getMessage(), e);
        }
        MojoLog.report(getLog(), result.diagnostics());
        long errors = result.count(Severity.ERROR);
        if (result.pages() == 0) {
            throw new MojoFailureException("No docs built from " + docsDirectory + "; see the messages above");
        }
        if (errors > 0) {
            throw new MojoFailureException(errors + " docs error(s); see the messages above");
        }
        getLog().info("TechDocs: " + result.pages() + " pages in " + result.output());
    }
}
