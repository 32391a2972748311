package dev.paved.cli;

import dev.paved.config.ConfigReader;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import dev.paved.publish.PublishTargets;
import dev.paved.publish.Publisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paved publish}: copies a built site to a bucket, a git branch or a folder, writing only what changed. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publishes a built portal incrementally: only changed files are written, new files before the "
                + "pages that link them, entry points last, deletions after everything (capped).",
                "Targets: s3://bucket/prefix, git:<remote-url>#branch (default gh-pages), dir:<path>.",
                "A folder that is not a finished build (its .paved-site manifest missing, or a file it lists missing "
                        + "or of another size) is refused before the target is touched.",
                "S3 credentials and region come from the AWS SDK's standard chain (AWS_ACCESS_KEY_ID, "
                        + "AWS_PROFILE, instance roles…); a git token from PAVED_GIT_TOKEN."})
final class PublishCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "TARGET", description = "Where to publish.")
    String to;

    @Option(names = "--site", paramLabel = "DIR",
            description = "The built site. Default: the output folder of the project's paved.yaml (target/site).")
    Path site;

    @Option(names = "--dry-run", description = "Print what would be written and deleted, and change nothing.")
    boolean dryRun;

    @Option(names = "--max-deletes", paramLabel = "N", defaultValue = "" + Publisher.Options.DEFAULT_MAX_DELETES,
            description = "Refuse to delete more than N files (-1: no limit). Default: ${DEFAULT-VALUE}.")
    int maxDeletes;

    @Option(names = "--endpoint", paramLabel = "URL", description = "S3: an S3-compatible endpoint (MinIO, Ceph, R2…).")
    URI endpoint;

    @Option(names = "--region", description = "S3: the region, when not set in the environment.")
    String region;

    @Option(names = "--path-style", description = "S3: the bucket in the path, as most S3-compatible stores need.")
    boolean pathStyle;

    @Option(names = "--squash", description = "git: replace the branch's history with one commit.")
    boolean squash;

    @Option(names = "--cname", paramLabel = "DOMAIN", description = "git: the custom domain written to CNAME.")
    String cname;

    @Option(names = {"-m", "--message"}, defaultValue = Publisher.Options.DEFAULT_MESSAGE,
            description = "git: the commit message. Default: ${DEFAULT-VALUE}.")
    String message;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path folder = site != null ? site : ConfigReader.read(Path.of("."), new Diagnostics()).output();
        PublishTargets.Options options = new PublishTargets.Options(Optional.ofNullable(endpoint),
                Optional.ofNullable(region), pathStyle, squash, Optional.ofNullable(cname));
        try {
            Publisher.Result result = Pipeline.publish(folder, to, options,
                    new Publisher.Options(dryRun, maxDeletes, message), line -> {
                        out.println(line);
                        out.flush();
                    });
            out.println((dryRun ? "Dry run: " : "Published: ") + result.summary());
            if (!result.ok()) {
                err.println("paved publish: " + (result.failure() != null ? result.failure()
                        : "deletions refused; rerun with --max-deletes " + result.plan().deletions().size()
                        + " if this is meant"));
                return 1;
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("paved publish: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("paved publish: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("paved publish: " + e);
            return 1;
        }
    }
}
