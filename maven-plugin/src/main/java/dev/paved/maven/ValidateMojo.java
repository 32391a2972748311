package dev.paved.maven;

import dev.paved.pipeline.Pipeline;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Severity;
import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the repository's catalog files, following their Locations, and fails the build on an error (or on a
 * warning with {@code strict}). The same check as {@code paved validate}.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class ValidateMojo extends AbstractMojo {

    /** The catalog files, or folders holding a {@code catalog-info.yaml}. */
    @Parameter(property = "paved.catalogFiles", defaultValue = "${project.basedir}/catalog-info.yaml")
    private List<File> catalogFiles;

    /** Count warnings, such as references to entities that do not exist, as errors. */
    @Parameter(property = "paved.strict", defaultValue = "false")
    private boolean strict;

    /** A paved.yaml whose {@code rules} apply too; ignored when the file does not exist. */
    @Parameter(property = "paved.config", defaultValue = "${project.basedir}/paved.yaml")
    private File config;

    /** Skip the check. */
    @Parameter(property = "paved.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("Skipping the catalog check (paved.skip)");
            return;
        }
        List<Diagnostic> diagnostics = Pipeline.validate(catalogFiles.stream().map(File::toPath).toList(),
                Set.of(), Optional.ofNullable(config).filter(File::isFile).map(File::toPath), strict).diagnostics();
        MojoLog.report(getLog(), diagnostics);
        long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
        if (errors > 0) {
            throw new MojoFailureException(errors + " catalog error(s); see the messages above");
        }
        getLog().info("Catalog checked: " + diagnostics.size() + " problem(s), none an error");
    }
}
