package dev.paved.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates real catalog files and real doc sets ({@code ../shared/corpus} when it is beside the clone, and the demo
 * organisation's own files always) and runs the command line on each, as CI and PR checks run it: no exception
 * escapes, no run passes the time bound, and {@code --format json} is always a JSON document (issue 15, "Fuzzing").
 *
 * <p>Seeds are fixed, so a failure names the seed that reproduces it and leaves its input under
 * {@code target/fuzz-failures/}. {@code -Dpaved.fuzz.scale=N} runs N times as many; {@code bench/fuzz/} documents the
 * longer run.
 */
class MutationFuzzTest {

    private static final int CATALOG_RUNS = 1_500;
    private static final int DOCS_RUNS = 300;
    private static final int SECONDS_PER_RUN = 30;
    /** A line of a Java stack trace: an exception escaped to the user. */
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What mutations insert: YAML's sharp edges, paths, scripts, numbers and characters that have broken parsers. */
    private static final List<String> TOKENS = List.of(": ", "- ", "{", "}", "[", "]", "*a", "&a ", "<<: *a\n",
            "!!binary ", "!!python/object:os.system ", "? ", "|", ">-", "\"", "'", "\t", "\n  ", "\n- ", "---\n",
            "...\n", "#", "%YAML 1.1\n", "1e9999999999", "-0x1F", "0o777", ".inf", "~", "null", "\u0000", "\u202e",
            "\ufeff", "\ud800", "../", "../../../../etc/passwd", "/etc/passwd", "group:..", "component:ns/a/b",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "{$text: ../../../../etc/passwd}", "{$openapi: ./openapi.yaml}", "{$json: ./x.json}", "${{ values.x }}",
            "a".repeat(5_000), "[x](#nowhere) ".repeat(200), "![i](../../../../x.png)", "!include ../../mkdocs.yml",
            "*include ./[*/mkdocs.yml", "```\n", "!!! note\n", "=== \"Tab\"\n", "[^1]", "\n[^1]: x\n", "    ", "<!--",
            "::: ", "$ref: ./a.yaml", "site_name: ../../planted\n", "docs_dir: ../..\n", "nav:\n  - x: y.md\n");

    @TempDir
    static Path work;
    private static ExecutorService runner;
    private final List<String> failures = new ArrayList<>();

    @BeforeAll
    static void start() {
        runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-run");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        runner.shutdownNow();
    }

    @Test
    void mutatedCatalogFilesAreReportedNeverThrown() throws Exception {
        List<Path> seeds = new ArrayList<>(yamlFiles(TestFiles.projectRoot().resolve("catalog")));
        seeds.addAll(sharedCatalogFiles());
        int runs = CATALOG_RUNS * scale();
        for (int run = 0; run < runs; run++) {
            long seed = 1_000_000L + run;
            Random random = new Random(seed);
            Path source = seeds.get(random.nextInt(seeds.size()));
            byte[] mutated = mutate(Files.readAllBytes(source), random);
            Path repo = Files.createDirectories(work.resolve("catalog-" + run));
            Path file = Files.write(repo.resolve("catalog-info.yaml"), mutated);
            String format = random.nextBoolean() ? "json" : "text";
            CliRun result = bounded(seed, source, mutated, () -> CliRun.of("validate", "--format", format,
                    file.toString()));
            if (result == null) {
                continue;
            }
            check(seed, source, mutated, result, result.status() == 0 || result.status() == 1);
            if (format.equals("json")) {
                try {
                    JsonNode report = JSON.readTree(result.out());
                    check(seed, source, mutated, result, report.path("diagnostics").isArray());
                } catch (IOException e) {
                    record(seed, source, mutated, "--format json printed no JSON document: " + e.getMessage());
                }
            }
            deleteTree(repo);
        }
        System.out.printf("Fuzz: %d runs of paved validate over %d catalog files, %d failed%n", runs, seeds.size(),
                failures.size());
        assertEquals(List.of(), failures);
    }

    @Test
    void mutatedDocSetsAreRenderedOrReportedNeverThrown() throws Exception {
        List<Path> seeds = new ArrayList<>(docSets(TestFiles.projectRoot().resolve("catalog")));
        seeds.addAll(sharedDocSets());
        int runs = DOCS_RUNS * scale();
        int failed = 0;
        for (int run = 0; run < runs; run++) {
            long seed = 2_000_000L + run;
            Random random = new Random(seed);
            Path set = seeds.get(random.nextInt(seeds.size()));
            Path dir = Files.createDirectories(work.resolve("docs-" + run));
            Path mkdocs = set.resolve(Files.exists(set.resolve("mkdocs.yml")) ? "mkdocs.yml" : "mkdocs.yaml");
            byte[] config = Files.readAllBytes(mkdocs);
            // One in three runs mutates mkdocs.yml; every run mutates one page, beside up to two pages as they are.
            if (random.nextInt(3) == 0) {
                config = mutate(config, random);
            }
            Files.write(dir.resolve("mkdocs.yml"), config);
            List<Path> pages = markdown(set);
            Path mutatedPage = pages.get(random.nextInt(pages.size()));
            byte[] mutated = mutate(Files.readAllBytes(mutatedPage), random);
            Files.write(Files.createDirectories(dir.resolve("docs")).resolve("index.md"), mutated);
            for (int i = 0; i < 2 && i < pages.size(); i++) {
                Path other = pages.get(random.nextInt(pages.size()));
                Files.copy(other, dir.resolve("docs").resolve("page-" + i + ".md"));
            }
            Path out = work.resolve("site-" + run);
            CliRun result = bounded(seed, mutatedPage, mutated, () -> CliRun.of("techdocs", dir.toString(),
                    "--output", out.toString()));
            if (result != null) {
                check(seed, mutatedPage, mutated, result, result.status() == 0 || result.status() == 1);
            }
            if (failures.size() > failed) {
                // Its mkdocs.yml may be what fails: keep it beside the page.
                failed = failures.size();
                Path saved = Path.of("target", "fuzz-failures", seed + "-mkdocs.yml");
                Files.createDirectories(saved.getParent());
                Files.copy(dir.resolve("mkdocs.yml"), saved, StandardCopyOption.REPLACE_EXISTING);
            }
            deleteTree(dir);
            deleteTree(out);
        }
        System.out.printf("Fuzz: %d runs of paved techdocs over %d doc sets, %d failed%n", runs, seeds.size(),
                failures.size());
        assertEquals(List.of(), failures);
    }

    /**
     * One to four edits, each chosen by {@code random}: delete or repeat a stretch, insert a token, replace a value
     * with one, change a line's indentation, or flip a byte (which may leave the file invalid UTF-8).
     */
    static byte[] mutate(byte[] input, Random random) {
        String text = new String(input, StandardCharsets.UTF_8);
        int edits = 1 + random.nextInt(4);
        boolean flipByte = false;
        for (int e = 0; e < edits; e++) {
            int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
            int length = Math.min(text.length() - at, 1 + random.nextInt(40));
            switch (random.nextInt(8)) {
                case 0 -> text = text.substring(0, at) + text.substring(at + length);
                case 1 -> text = text.substring(0, at + length) + text.substring(at, at + length)
                        + text.substring(at + length);
                case 2, 3 -> text = text.substring(0, at) + TOKENS.get(random.nextInt(TOKENS.size()))
                        + text.substring(at);
                case 4 -> {
                    int lineStart = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
                    text = random.nextBoolean() ? text.substring(0, lineStart) + "  " + text.substring(lineStart)
                            : text.substring(0, lineStart) + text.substring(lineStart).replaceFirst("^ {1,2}", "");
                }
                case 5, 6 -> {
                    // A value replaced: where a parser meets a token as a whole scalar, key or list item.
                    int colon = text.indexOf(": ", at);
                    if (colon >= 0) {
                        int end = text.indexOf('\n', colon);
                        text = text.substring(0, colon + 2) + TOKENS.get(random.nextInt(TOKENS.size()))
                                + (end < 0 ? "" : text.substring(end));
                    }
                }
                default -> flipByte = true;
            }
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (flipByte && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    private interface Run {
        CliRun call() throws Exception;
    }

    /** The run's result, or null when it failed or passed the bound (recorded). */
    private CliRun bounded(long seed, Path source, byte[] input, Run run) {
        Future<CliRun> future = runner.submit(run::call);
        try {
            return future.get(SECONDS_PER_RUN, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            record(seed, source, input, "ran longer than " + SECONDS_PER_RUN + " s");
        } catch (ExecutionException e) {
            record(seed, source, input, "threw " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(seed, source, input, "interrupted");
        }
        return null;
    }

    private void check(long seed, Path source, byte[] input, CliRun result, boolean statusOk) {
        if (!statusOk) {
            record(seed, source, input, "exit status " + result.status() + ": " + head(result.err()));
        } else if (STACK_TRACE.matcher(result.err()).find() || STACK_TRACE.matcher(result.out()).find()) {
            record(seed, source, input, "an exception reached the user: " + head(result.err() + result.out()));
        }
    }

    private static String head(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }

    private synchronized void record(long seed, Path source, byte[] input, String what) {
        failures.add("seed " + seed + " (" + source.getFileName() + "): " + what);
        try {
            Path saved = Path.of("target", "fuzz-failures", seed + "-" + source.getFileName());
            Files.createDirectories(saved.getParent());
            Files.write(saved, input);
        } catch (IOException e) {
            // the failure is recorded above; keeping its input is a convenience
        }
    }

    private static int scale() {
        return Math.max(1, Integer.getInteger("paved.fuzz.scale", 1));
    }

    private static List<Path> sharedCatalogFiles() throws IOException {
        Path corpus = TestFiles.projectRoot().resolveSibling("shared").resolve("corpus/catalog");
        if (!Files.isDirectory(corpus)) {
            System.out.println("Fuzz: ../shared/corpus/catalog is not beside this clone; the demo catalog only");
            return List.of();
        }
        return yamlFiles(corpus);
    }

    private static List<Path> sharedDocSets() throws IOException {
        Path corpus = TestFiles.projectRoot().resolveSibling("shared").resolve("corpus/docs");
        if (!Files.isDirectory(corpus)) {
            System.out.println("Fuzz: ../shared/corpus/docs is not beside this clone; the demo docs only");
            return List.of();
        }
        return docSets(corpus);
    }

    private static List<Path> yamlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.ya?ml"))
                    .filter(p -> !p.toString().contains("skeleton")).sorted().toList();
        }
    }

    /** Folders with an {@code mkdocs.yml} and Markdown under it. */
    private static List<Path> docSets(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("mkdocs\\.ya?ml")).map(Path::getParent)
                    .distinct().filter(d -> !markdown(d).isEmpty()).sorted().toList();
        }
    }

    private static List<Path> markdown(Path set) {
        try (Stream<Path> files = Files.walk(set)) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().limit(200).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void mutationsAreTheSameForTheSameSeed() {
        byte[] input = "apiVersion: backstage.io/v1alpha1\nkind: Component\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(Arrays.equals(mutate(input, new Random(7)), mutate(input, new Random(7))),
                "a failure's seed reproduces it");
        if (Arrays.equals(mutate(input, new Random(7)), input)) {
            fail("a mutation changes its input");
        }
    }
}
