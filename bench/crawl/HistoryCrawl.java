import dev.paved.crawl.Crawler;
import dev.paved.crawl.Repository;
import dev.paved.crawl.RepositorySource;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.gitops.GitOps;
import dev.paved.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The crawl benchmark's history cases (run.sh with HISTORY_DAYS): crawls the repositories whose URLs a file lists
 * with the CLI's options (Pipeline.crawlOptions: blob filter on, four at a time, the stages' needs) and a history
 * window of DAYS days with the GitOps files' history, as the metrics stage asks; DAYS 0 is the depth-1 crawl.
 * The CLI has no history option of its own (the metrics stage's configuration sets it), hence this program.
 *
 * <pre>java -cp paved.jar:CLASSES HistoryCrawl URLS_FILE CACHE DAYS THREADS</pre>
 *
 * Prints {@code name status commit} per repository, then {@code N repositories, F failed, W warnings} (a history
 * that could not be fetched is a warning), and the warnings on standard error.
 */
public final class HistoryCrawl {

    public static void main(String[] args) throws Exception {
        List<RepositorySource> sources = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank())
                .map(url -> (RepositorySource) new RepositorySource.Single(Repository.of(url.trim()))).toList();
        Crawler.Options options = Crawler.Options.in(Path.of(args[1]), Pipeline.READS)
                .withHistory(Duration.ofDays(Long.parseLong(args[2]))).withHistoryNeeds(GitOps.NEEDS)
                .withThreads(Integer.parseInt(args[3]));
        Diagnostics diagnostics = new Diagnostics();
        List<Crawler.Crawled> crawled = new Crawler(options).crawl(sources, diagnostics, line -> { });
        long failed = crawled.stream().filter(c -> !c.error().isEmpty()).count();
        for (Crawler.Crawled c : crawled) {
            System.out.println(c.repository().name() + " " + c.status() + " " + c.commit());
        }
        System.out.println(crawled.size() + " repositories, " + failed + " failed, " + diagnostics.sorted().size()
                + " warnings");
        diagnostics.sorted().forEach(d -> System.err.println(d));
    }
}
