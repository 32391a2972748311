package dev.paved.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.TestFiles;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Reads every file of the shared corpus of real-world catalog files alone, as {@code paved validate FILE} does, and
 * compares the verdict with Backstage's own ({@code FILE-VERDICTS.tsv}: {@code ok} when Backstage accepts every
 * document). Deliberate differences are listed in {@code docs/compatibility.md}.
 */
class BackstageCorpusTest {

    @Test
    void agreesWithBackstageOnEveryFile() throws IOException {
        Path corpus = TestFiles.shared("corpus/catalog");
        List<String> disagreements = new ArrayList<>();
        int files = 0;
        for (String line : Files.readAllLines(corpus.resolve("FILE-VERDICTS.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length < 2 || !cols[1].matches("ok|error")) {
                continue;
            }
            files++;
            Diagnostics diagnostics = new Diagnostics();
            CatalogReader.read(List.of(CatalogSource.singleFile(corpus.resolve(cols[0]))), diagnostics);
            List<Diagnostic> errors = diagnostics.sorted().stream().filter(d -> d.severity() == Severity.ERROR)
                    .toList();
            String ours = errors.isEmpty() ? "ok" : "error";
            if (!ours.equals(cols[1])) {
                disagreements.add(cols[0] + ": Backstage " + cols[1] + ", Paved " + ours
                        + (errors.isEmpty() ? "" : " (" + errors.get(0).code() + ": " + errors.get(0).message() + ")"));
            }
        }
        assertEquals(798, files, "the corpus changed size");
        assertEquals("", disagreements.stream().collect(Collectors.joining("\n")),
                disagreements.size() + " of " + files + " files disagree");
    }

    @Test
    void acceptsAndRejectsTheSameDocuments() throws IOException {
        Path corpus = TestFiles.shared("corpus/catalog");
        java.util.Map<String, List<String[]>> byFile = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(corpus.resolve("VERDICTS.tsv")).stream().skip(1).toList()) {
            String[] cols = line.split("\t", -1);
            byFile.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(cols);
        }
        // Files with $text/$json/$yaml placeholders are left out of FILE-VERDICTS: their targets are not in the
        // corpus, so Paved cannot read them, where Backstage's verdicts count a well-formed placeholder as resolved.
        java.util.Set<String> judged = Files.readAllLines(corpus.resolve("FILE-VERDICTS.tsv")).stream()
                .map(l -> l.split("\t")[0]).collect(Collectors.toSet());
        List<String> disagreements = new ArrayList<>();
        int documents = 0;
        for (var entry : byFile.entrySet()) {
            if (!judged.contains(entry.getKey())) {
                continue;
            }
            Catalog catalog = CatalogReader.read(List.of(CatalogSource.singleFile(corpus.resolve(entry.getKey()))),
                    new Diagnostics());
            java.util.Set<String> accepted = catalog.entities().stream().map(e -> e.ref().toString())
                    .collect(Collectors.toSet());
            java.util.Set<String> okInBackstage = new java.util.HashSet<>();
            for (String[] row : entry.getValue()) {
                if (row[4].equals("ok")) {
                    okInBackstage.add(ref(row));
                }
            }
            for (String[] row : entry.getValue()) {
                if (row[2].isEmpty() || row[3].isEmpty() || row[3].endsWith("/")) {
                    continue; // the document did not parse or has no name: nothing to look up
                }
                documents++;
                String ref = ref(row);
                boolean ours = accepted.contains(ref);
                boolean theirs = row[4].equals("ok");
                if (ours != theirs && !(ours && okInBackstage.contains(ref))) {
                    disagreements.add(entry.getKey() + " #" + row[1] + " " + ref + ": Backstage " + row[4]
                            + ", Paved " + (ours ? "ok" : "error"));
                }
            }
        }
        assertEquals(true, documents > 1000, "documents compared: " + documents);
        assertEquals("", String.join("\n", disagreements), disagreements.size() + " of " + documents
                + " documents disagree");
    }

    private static String ref(String[] row) {
        return (row[2] + ":" + row[3]).toLowerCase(java.util.Locale.ROOT);
    }
}
