package dev.paved.maven;

import dev.paved.config.ConfigReader;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import dev.paved.publish.PublishTargets;
import dev.paved.publish.Publisher;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Publishes a built portal, as {@code paved publish} does: only changed files are written, entry points last,
 * deletions capped. Targets: {@code s3://bucket/prefix}, {@code git:<remote-url>#branch}, {@code dir:<path>}.
 */
@Mojo(name = "publish", threadSafe = true)
public final class PublishMojo extends AbstractMojo {

    /** Where to publish. */
    @Parameter(property = "paved.publishTo", required = true)
    private String to;

    /** The built site; the configured output of the project's {@code paved.yaml} when not set. */
    @Parameter(property = "paved.site")
    private File site;

    /** The project folder whose {@code paved.yaml} names the output. */
    @Parameter(property = "paved.projectDirectory", defaultValue = "${project.basedir}")
    private File projectDirectory;

    /** Only print the plan. */
    @Parameter(property = "paved.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Refuse to delete more files than this (-1: no limit); Paved's default cap when not set. */
    @Parameter(property = "paved.maxDeletes")
    private Integer maxDeletes;

    /** S3: an S3-compatible endpoint. */
    @Parameter(property = "paved.s3.endpoint")
    private String endpoint;

    /** S3: the region, when not set in the environment. */
    @Parameter(property = "paved.s3.region")
    private String region;

    /** S3: the bucket in the path rather than the host name. */
    @Parameter(property = "paved.s3.pathStyle", defaultValue = "false")
    private boolean pathStyle;

    /** git: replace the branch's history with one commit. */
    @Parameter(property = "paved.git.squash", defaultValue = "false")
    private boolean squash;

    /** git: the custom domain written to {@code CNAME}. */
    @Parameter(property = "paved.git.cname")
    private String cname;

    /** git: the commit message; Paved's default when not set. */
    @Parameter(property = "paved.git.message")
    private String message;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path folder = site != null ? site.toPath()
                : ConfigReader.read(projectDirectory.toPath(), new Diagnostics()).output();
        PublishTargets.Options options = new PublishTargets.Options(Optional.ofNullable(endpoint).map(URI::create),
                Optional.ofNullable(region), pathStyle, squash, Optional.ofNullable(cname));
        Publisher.Options defaults = Publisher.Options.defaults();
        try {
            Publisher.Result result = Pipeline.publish(folder, to, options,
                    new Publisher.Options(dryRun, maxDeletes != null ? maxDeletes : defaults.maxDeletes(),
                            message != null ? message : defaults.message()), getLog()::info);
            getLog().info((dryRun ? "Dry run: " : "Published: ") + result.summary());
            if (!result.ok()) {
                throw new MojoFailureException(result.failure() != null ? result.failure()
                        : "deletions refused; set paved.maxDeletes to " + result.plan().deletions().size()
                        + " if this is meant");
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
