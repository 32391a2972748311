package dev.paved.cli;

import dev.paved.pipeline.Pipeline;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paved build}: the main job. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Builds the portal into the output folder. Problems in the input are reported and the rest "
                + "is built; the exit status is 1 only under --strict, or when the site cannot be written (the "
                + "previous one is then kept).")
final class BuildCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Option(names = "--strict", description = "Count warnings as errors and exit 1 when there is any.")
    boolean strict;

    @Option(names = "--repo", paramLabel = "URL", description = "A git repository to build from (repeatable; any URL "
            + "JGit clones: https://, ssh://, git://, file://). With --repo, only these repositories are built.")
    List<String> repos = new ArrayList<>();

    @Option(names = "--no-cache", negatable = false, description = "Render every doc set, not using those an earlier "
            + "build kept in the cache folder (the pages are the same either way).")
    boolean noCache;

    @Option(names = "--shard", paramLabel = "K/N", converter = ShardConverter.class, description = "Render only the "
            + "K-th of N shares of the doc sets into the cache folder, as one job of a CI matrix; a build that then "
            + "has every shard's cache renders none itself. See .github/workflows/portal.yml.")
    Pipeline.Shard shard;

    @Option(names = "--threads", paramLabel = "N", description = "Pages rendered at once. Default: the number of "
            + "cores. The output is the same whatever the number.")
    Integer threads;

    @Parameters(paramLabel = "SOURCE", arity = "0..*",
            description = "Catalog folders or files to build instead of the configured sources.")
    List<Path> sources = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Diagnostics configProblems = new Diagnostics();
        PavedConfig config = project.load(configProblems, sources);
        if (!repos.isEmpty()) {
            config = config.withRepositories(repos.stream().<dev.paved.crawl.RepositorySource>map(
                    u -> new dev.paved.crawl.RepositorySource.Single(dev.paved.crawl.Repository.of(u))).toList(),
                    sources.isEmpty());
        }
        Pipeline.Options options = Pipeline.Options.defaults().withStrict(strict).withCache(!noCache)
                .withProgress(CrawlProgress.to(spec.commandLine().getErr()))
                .withConfigProblems(configProblems.sorted());
        if (threads != null) {
            options = options.withThreads(threads);
        }
        if (shard != null) {
            if (noCache) {
                throw new ParameterException(spec.commandLine(), "--shard renders into the cache: it cannot go with "
                        + "--no-cache");
            }
            Pipeline.Result result = Pipeline.shard(config, options, shard);
            DiagnosticPrinter.print(result.diagnostics(), spec.commandLine().getErr());
            spec.commandLine().getErr().println("Stages: " + result.timings());
            spec.commandLine().getOut().printf("Shard %s: rendered %d docs pages of %d entities into %s%n", shard,
                    result.pages(), result.entities(), result.output());
            spec.commandLine().getOut().flush();
            return strict && result.count(Severity.ERROR) > 0 ? 1 : 0;
        }
        Pipeline.Result result;
        try {
            result = Pipeline.build(config, options);
        } catch (IOException e) {
            spec.commandLine().getErr().println("paved build: " + e.getMessage());
            return 1;
        }
        DiagnosticPrinter.print(result.diagnostics(), spec.commandLine().getErr());
        spec.commandLine().getErr().println("Stages: " + result.timings());
        spec.commandLine().getOut().println(result.summary() + " -> " + result.output());
        spec.commandLine().getOut().flush();
        return strict && result.count(Severity.ERROR) > 0 ? 1 : 0;
    }

    /** {@code K/N} into a shard, or a usage error. */
    static final class ShardConverter implements CommandLine.ITypeConverter<Pipeline.Shard> {
        @Override
        public Pipeline.Shard convert(String value) {
            try {
                return Pipeline.Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
