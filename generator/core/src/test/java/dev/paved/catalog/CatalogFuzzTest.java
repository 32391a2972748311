package dev.paved.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives mutated and hostile YAML through load and validation: whatever the input, no exception escapes, nothing
 * hangs, and every problem is a diagnostic. Mutations are seeded, so a failure reproduces.
 */
class CatalogFuzzTest {

    private static final String[] FRAGMENTS = {"*", "&a ", ": ", "{", "}", "[", "]", "- ", "\t", "%", "!!str ",
            "<<: *a\n", "---\n", "'", "\"", "#", "~", "${{ values.x }}", "\u0000", "é", "\uFEFF", "? ", "|\n", ">-\n"};

    @TempDir
    Path dir;

    @Test
    void mutatedCatalogFilesNeverThrowOrHang() throws IOException {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TestFiles.projectRoot().resolve("catalog"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                seeds.add(Files.readString(f));
            }
        }
        Random random = new Random(20261123L);
        int runs = 0;
        for (int round = 0; round < 1500; round++) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            String mutated = mutate(seed, random, 1 + random.nextInt(4));
            check(mutated, "round " + round);
            runs++;
        }
        assertEquals(1500, runs);
    }

    @Test
    void randomBytesNeverThrowOrHang() {
        Random random = new Random(42L);
        for (int round = 0; round < 300; round++) {
            byte[] bytes = new byte[random.nextInt(400)];
            random.nextBytes(bytes);
            check(new String(bytes, StandardCharsets.ISO_8859_1), "bytes round " + round);
        }
    }

    @Test
    void deepNestingIsAClearErrorWithinBoundedTime() {
        List<Diagnostic> found = check("a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n", "deep");
        assertTrue(found.stream().anyMatch(d -> d.code() == Code.YAML_SYNTAX), found.toString());
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (var out = Files.newBufferedWriter(big)) {
            String line = "# " + "x".repeat(1000) + "\n";
            for (int i = 0; i < 45_000; i++) {
                out.write(line);
            }
        }
        Diagnostics diagnostics = new Diagnostics();
        CatalogReader.read(List.of(CatalogSource.singleFile(big)), diagnostics);
        assertTrue(diagnostics.sorted().get(0).message().contains("more than a catalog file can"));
    }

    private List<Diagnostic> check(String yaml, String label) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Path file = dir.resolve("catalog-info.yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            Diagnostics diagnostics = new Diagnostics();
            Catalog catalog = CatalogReader.read(List.of(CatalogSource.singleFile(file)), diagnostics);
            List<Diagnostic> found = diagnostics.sorted();
            for (Diagnostic d : found) {
                assertTrue(d.line() >= 0 && d.column() >= 0 && !d.message().isBlank(), label + ": " + d);
            }
            assertTrue(catalog.size() <= Math.max(1, yaml.split("---", -1).length), label);
            return found;
        }, label);
    }

    private static String mutate(String text, Random random, int times) {
        StringBuilder s = new StringBuilder(text);
        for (int i = 0; i < times && s.length() > 0; i++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(6)) {
                case 0 -> s.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(20)));
                case 2 -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 3 -> {
                    int end = Math.min(s.length(), at + random.nextInt(200));
                    s.insert(at, s.substring(at, end));
                }
                case 4 -> s.setLength(at);
                default -> {
                    int lineStart = s.lastIndexOf("\n", at) + 1;
                    s.insert(lineStart, "  ".repeat(1 + random.nextInt(3)));
                }
            }
        }
        return s.toString();
    }
}
