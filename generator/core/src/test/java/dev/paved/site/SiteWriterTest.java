package dev.paved.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.io.WorkFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a build replaces the previous site: beside it, then in one move, the manifest last; a build that fails leaves
 * the previous site as it was and nothing of its own.
 */
class SiteWriterTest {

    /** A first build: the site a failed build must leave alone. */
    private static Path previousSite(Path parent) throws IOException {
        Path out = parent.resolve("site");
        try (SiteWriter writer = SiteWriter.prepare(out)) {
            writer.write("index.html", "<h1>Previous</h1>");
            writer.write("catalog/index.html", "<h1>Catalog</h1>");
            writer.commit();
        }
        return out;
    }

    @Test
    void aSiteTakesThePlaceOfThePreviousOneOnlyWhenComplete(@TempDir Path parent) throws IOException {
        Path out = previousSite(parent);
        try (SiteWriter writer = SiteWriter.prepare(out)) {
            writer.write("index.html", "<h1>Next</h1>");
            assertEquals("<h1>Previous</h1>", Files.readString(out.resolve("index.html")),
                    "while the next site is written, the previous one is served");
            writer.commit();
        }
        assertEquals("<h1>Next</h1>", Files.readString(out.resolve("index.html")));
        assertFalse(Files.exists(out.resolve("catalog")), "what the next build did not write is gone");
        assertEquals(List.of("site"), names(parent), "no work folder is left");
        SiteManifest.verify(out);
    }

    @Test
    void aWriteThatFailsLeavesThePreviousSiteAndNothingElse(@TempDir Path parent) throws IOException {
        Path out = previousSite(parent);
        Map<String, String> before = snapshot(out);

        SiteWriter.WriteFailed failed;
        try (SiteWriter writer = SiteWriter.prepare(out)) {
            writer.write("index.html", "<h1>Next</h1>");
            // The file system refuses this file as a full disk would refuse any: the write itself fails.
            failed = assertThrows(SiteWriter.WriteFailed.class, () -> writer.write("x".repeat(300) + ".html",
                    "<p>too long a name</p>"));
        }

        assertEquals("Cannot write the portal to " + out + ": File name too long (writing " + "x".repeat(300)
                + ".html); the previous site is unchanged", failed.getCause().getMessage());
        assertEquals(before, snapshot(out), "the previous site is byte for byte as it was");
        assertEquals(List.of("site"), names(parent), "the unfinished site is removed");
    }

    @Test
    void aPathAnotherPageTookAsAFolderIsThatPagesProblemNotAFailedBuild(@TempDir Path parent) throws IOException {
        Path out = parent.resolve("site");
        try (SiteWriter writer = SiteWriter.prepare(out)) {
            writer.write("setup/index.html", "<h1>Setup</h1>");
            IllegalStateException taken = assertThrows(IllegalStateException.class,
                    () -> writer.write("setup", "#!/bin/sh"));
            assertTrue(taken.getMessage().contains("Two pages want the same path"), taken.getMessage());
            writer.commit();
        }
        SiteManifest.verify(out);
        assertFalse(Files.readString(out.resolve(SiteManifest.FILE)).contains("\"setup\""),
                "the manifest lists what was written");
    }

    @Test
    void aWorkFolderAKilledBuildLeftIsRemovedByTheNextBuild(@TempDir Path parent) throws IOException {
        Path out = previousSite(parent);
        // A build running now, in this process: its folder is locked and kept.
        try (WorkFolder running = WorkFolder.create(parent, "site.paved-build-")) {
            // What a killed build leaves: its work folder and a lock file nobody holds any more.
            Path abandoned = Files.createDirectories(parent.resolve("site.paved-build-killed/site/catalog"))
                    .getParent().getParent();
            Files.writeString(abandoned.resolve("site/catalog/index.html"), "");
            Files.writeString(parent.resolve("site.paved-build-killed.lock"), "");
            try (SiteWriter writer = SiteWriter.prepare(out)) {
                writer.write("index.html", "<h1>Next</h1>");
                writer.commit();
            }
            assertFalse(Files.exists(abandoned));
            assertFalse(Files.exists(parent.resolve("site.paved-build-killed.lock")));
            assertTrue(Files.isDirectory(running.path()), "a folder in use is left alone");
        }
        assertEquals(List.of("site"), names(parent));
    }

    @Test
    void aReadOnlyFolderIsAClearErrorBeforeAnythingIsWritten(@TempDir Path parent) throws IOException {
        Assumptions.assumeTrue(parent.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path readOnly = Files.createDirectories(parent.resolve("published"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(readOnly), "running as root: every folder is writable");
            IOException e = assertThrows(IOException.class, () -> SiteWriter.prepare(readOnly.resolve("site")));
            assertEquals("Cannot write the portal to " + readOnly.resolve("site") + ": cannot create a folder in "
                    + readOnly + " (Permission denied); Paved builds the site beside its output folder and moves "
                    + "it in when it is complete", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anOutputInsideAFileIsAClearError(@TempDir Path parent) throws IOException {
        Path file = Files.writeString(parent.resolve("notes.txt"), "keep me");
        IOException e = assertThrows(IOException.class, () -> SiteWriter.prepare(file.resolve("site")));
        assertTrue(e.getMessage().startsWith("Cannot write the portal to " + file.resolve("site")
                + ": cannot create a folder in " + file + " ("), e.getMessage());
        IOException itself = assertThrows(IOException.class, () -> SiteWriter.prepare(file));
        assertEquals("Cannot write the portal to " + file + ": it is a file, not a folder", itself.getMessage());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void aSymbolicLinkKeepsLeadingToTheSite(@TempDir Path parent) throws IOException {
        Path real = previousSite(parent);
        Path link = Files.createSymbolicLink(parent.resolve("current"), real);
        try (SiteWriter writer = SiteWriter.prepare(link)) {
            writer.write("index.html", "<h1>Next</h1>");
            writer.commit();
        }
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("<h1>Next</h1>", Files.readString(link.resolve("index.html")));
    }

    @Test
    void aFolderThatCannotBeMovedIsRefilledTheManifestLast(@TempDir Path parent) throws IOException {
        // As for a mount point, which cannot be renamed: its content is replaced instead.
        Path out = previousSite(parent);
        Path next = Files.createDirectories(parent.resolve("next/guides"));
        Files.writeString(next.resolve("index.html"), "<h1>Guides</h1>");
        Files.writeString(next.resolveSibling(SiteManifest.FILE), SiteManifest.json(Map.of("guides/index.html",
                15L)));

        SiteWriter.refill(next.getParent(), out);

        assertEquals(List.of(SiteManifest.FILE, "guides"), names(out));
        SiteManifest.verify(out);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file of a folder and its bytes. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(f).toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }
}
