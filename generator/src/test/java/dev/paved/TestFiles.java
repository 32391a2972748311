package dev.paved;

import java.net.URISyntaxException;
import java.nio.file.Path;

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
}
