// Times scoring alone: `java -cp generator/cli/target/paved.jar bench/scorecard/ScoringBench.java CATALOG SCORECARDS`.
// Reads the catalog as `paved build` does (timed separately, for the ratio), then scores every entity on the
// scorecards of SCORECARDS (a folder) RUNS times in the same JVM and prints the first (cold) and the median.
import dev.paved.pipeline.Pipeline;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.scorecard.Scoreboard;
import dev.paved.scorecard.ScorecardReader;
import dev.paved.site.SiteGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public class ScoringBench {
    public static void main(String[] args) throws Exception {
        Path catalog = Path.of(args[0]);
        Path scorecards = Path.of(args[1]);
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "5"));
        PavedConfig config = ConfigReader.read(Path.of("."), new Diagnostics()).withSources(List.of(catalog));
        long start = System.nanoTime();
        Diagnostics diagnostics = new Diagnostics();
        SiteGenerator.Input input = Pipeline.read(config, Pipeline.Options.defaults(), diagnostics);
        double readSeconds = (System.nanoTime() - start) / 1e9;
        var cards = ScorecardReader.read(List.of(scorecards), new Diagnostics());
        List<Double> times = new ArrayList<>();
        int results = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            Scoreboard board = Scoreboard.score(cards, input.catalog(), input.docs(), diagnostics.sorted(),
                    LocalDate.now());
            times.add((System.nanoTime() - t) / 1e9);
            results = board.results().size();
        }
        double cold = times.get(0);
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.printf("entities %d scorecards %d results %d read_s %.2f score_cold_s %.3f score_median_s %.3f%n",
                input.catalog().size(), cards.size(), results, readSeconds, cold, sorted.get(sorted.size() / 2));
    }
}
