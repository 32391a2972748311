package dev.paved.pipeline;

import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import java.util.List;
import java.util.function.Function;

/**
 * What one stage of the pipeline gave: its output, the problems it found and how long it took.
 *
 * @param name        the stage: {@code crawl}, {@code catalog}, {@code integrations}, {@code gitops}, {@code docs},
 *                    {@code scores}, {@code assemble}, {@code site}, {@code search}
 * @param output      what it made, the next stages' input
 * @param diagnostics the problems it found, sorted
 * @param millis      how long it ran
 * @param <T>         the type of its output
 */
record Stage<T>(String name, T output, List<Diagnostic> diagnostics, long millis) {

    public Stage {
        diagnostics = List.copyOf(diagnostics);
    }

    /** Runs {@code body} as the stage {@code name}, collecting the diagnostics it reports. */
    static <T> Stage<T> run(String name, Function<Diagnostics, T> body) {
        long start = System.nanoTime();
        Diagnostics found = new Diagnostics();
        T output = body.apply(found);
        return new Stage<>(name, output, found.sorted(), (System.nanoTime() - start) / 1_000_000);
    }

    /** This stage without its output. */
    Pipeline.StageTime time() {
        return new Pipeline.StageTime(name, millis, diagnostics.size());
    }
}
