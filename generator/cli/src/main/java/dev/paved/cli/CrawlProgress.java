package dev.paved.cli;

import dev.paved.crawl.Crawler;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How the command line shows a crawl: a progress bar (done/total, rate, ETA, failures) on a terminal, one plain
 * line per repository elsewhere (CI logs).
 */
final class CrawlProgress {

    private CrawlProgress() {
    }

    static Crawler.Progress to(PrintWriter err) {
        if (System.console() == null || System.getenv("CI") != null) {
            return Crawler.Progress.lines(line -> {
                err.println(line);
                err.flush();
            });
        }
        return new Crawler.Progress() {
            private ProgressBar bar;

            @Override
            public void started(int total) {
                bar = new ProgressBarBuilder().setTaskName("Crawling").setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" repos", 1).showSpeed().continuousUpdate()
                        .build();
            }

            @Override
            public void note(String line) {
                err.println(line);
                err.flush();
            }

            @Override
            public void finished(Crawler.Crawled repository, int done, int total, int failed, String line) {
                bar.stepTo(done);
                bar.setExtraMessage(failed == 0 ? "" : failed + " failed");
                if (done == total) {
                    bar.close();
                }
            }
        };
    }
}
