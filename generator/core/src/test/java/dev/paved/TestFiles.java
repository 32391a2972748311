package dev.paved;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locations of test fixtures and of the project's own folders. */
public final class TestFiles {

    private TestFiles() {
    }

    /** A folder or file under {@code src/test/resources}. */
    public static Path resource(String path) {
        try {
            return Path.of(TestFiles.class.getClassLoader().getResource(path).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("No test resource " + path, e);
        }
    }

    /** The project root (the folder with the parent pom, {@code catalog/} and {@code content/}). */
    public static Path projectRoot() {
        String root = System.getProperty("paved.projectRoot");
        Path p = root != null ? Path.of(root) : Path.of("..");
        return p.toAbsolutePath().normalize();
    }

    /**
     * The files of the shared catalog corpus holding a Template document that Backstage accepts (from its
     * VERDICTS.tsv), sorted; skips the test when the corpus is absent.
     */
    public static java.util.List<Path> acceptedCorpusTemplates() throws java.io.IOException {
        Path corpus = shared("corpus/catalog");
        java.util.TreeSet<String> files = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(corpus.resolve("VERDICTS.tsv"))) {
            String[] f = line.split("\t", -1);
            if (f.length > 4 && f[2].equals("Template") && f[4].equals("ok")) {
                files.add(f[0]);
            }
        }
        return files.stream().map(corpus::resolve).toList();
    }

    /**
     * A path under {@code ../shared} beside the project (the team's corpora and references); skips the test with a
     * message when it is not there, as in a user's own clone.
     */
    public static Path shared(String path) {
        Path p = projectRoot().resolveSibling("shared").resolve(path);
        Assumptions.assumeTrue(Files.exists(p), "../shared/" + path + " is not beside this clone; "
                + "the test needs the team's shared corpus and is skipped");
        return p;
    }
}
