package dev.paved.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.catalog.CatalogReader;
import dev.paved.catalog.CatalogSource;
import dev.paved.catalog.Entity;
import dev.paved.catalog.EntityRef;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.integrations.Snapshot.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rules every service's questions follow, whichever thread asks them. */
class CallsTest {

    private static Entity entity() {
        return CatalogReader.read(List.of(CatalogSource.of(TestFiles.resource("integrations/live/catalog-info.yaml"))),
                new Diagnostics()).find(EntityRef.parse("route-planner", "component", "default")).orElseThrow();
    }

    /** Counts how many questions are in the host at once, and the most there ever were. */
    private static final class Host {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger asked = new AtomicInteger();
        final List<Integer> atFirst = new ArrayList<>();
        volatile boolean down;

        Snapshot.Parts answer() throws Api.Failed, InterruptedException {
            int in = now.incrementAndGet();
            most.accumulateAndGet(in, Math::max);
            if (asked.incrementAndGet() == 1) {
                Thread.sleep(200); // the first answer takes a while: nothing else may reach the host meanwhile
                synchronized (atFirst) {
                    atFirst.add(most.get());
                }
            } else {
                Thread.sleep(50);
            }
            now.decrementAndGet();
            if (down) {
                throw new Api.Failed(new Api.Failure(Status.UNREACHABLE, "host could not be reached", true));
            }
            return new Snapshot.Parts(new CiRuns(List.of()), "");
        }
    }

    private static List<Snapshot> askMany(Calls calls, Host host, int questions) throws Exception {
        Entity e = entity();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Snapshot>> all = new ArrayList<>();
        for (int i = 0; i < questions; i++) {
            String question = "q" + (i % (questions - 2)); // two questions asked twice
            all.add(pool.submit(() -> {
                go.await();
                return calls.ask(e, "github.com/project-slug", "ci", "GitHub Actions", question, "host",
                        question, () -> {
                            try {
                                return host.answer();
                            } catch (InterruptedException ex) {
                                throw new IllegalStateException(ex);
                            }
                        });
            }));
        }
        go.countDown();
        List<Snapshot> out = new ArrayList<>();
        for (Future<Snapshot> f : all) {
            out.add(f.get(20, TimeUnit.SECONDS));
        }
        pool.shutdownNow();
        return out;
    }

    @Test
    void aHostIsAskedOneQuestionAloneThenAFewAtATimeAndEachQuestionOnce() throws Exception {
        Host host = new Host();
        List<Snapshot> got = askMany(new Calls(Integrations.Options.defaults(), new Diagnostics()), host, 20);

        assertEquals(20, got.size());
        assertTrue(got.stream().allMatch(Snapshot::ok));
        assertEquals(18, host.asked.get(), "each question once, however many ask it");
        assertEquals(List.of(1), host.atFirst, "nothing else reached the host before its first answer");
        assertTrue(host.most.get() > 1 && host.most.get() <= Calls.PER_HOST,
                "then several at a time, at most " + Calls.PER_HOST + ": " + host.most.get());
    }

    @Test
    void aHostThatIsDownIsFoundOutByOneQuestionAndWarnedAboutOnce() throws Exception {
        Host host = new Host();
        host.down = true;
        Diagnostics problems = new Diagnostics();
        List<Snapshot> got = askMany(new Calls(Integrations.Options.defaults(), problems), host, 20);

        assertTrue(got.stream().allMatch(s -> s.status() == Status.UNREACHABLE));
        assertEquals(1, host.asked.get(), "the others are answered from the first failure");
        assertEquals(1, problems.sorted().size(), "one warning");
    }
}
