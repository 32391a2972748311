package dev.paved.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The build's threads, and running a list of tasks on them with the results in the list's order. */
final class Parallel {

    private Parallel() {
    }

    /** A pool of {@code threads} daemon threads named {@code paved-N}. */
    static ExecutorService pool(int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "paved-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs every task and gives their results in the tasks' order; a task's exception is rethrown. */
    static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) {
        try {
            List<T> out = new ArrayList<>(tasks.size());
            for (Future<T> f : pool.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
