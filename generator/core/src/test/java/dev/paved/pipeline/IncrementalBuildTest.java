package dev.paved.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that uses the doc sets an earlier build rendered gives the same bytes as a build that renders everything
 * (issue 16, item 1), through random edits of the demo organisation kept in git: pages edited, added, removed and
 * renamed, {@code mkdocs.yml} changed, an entity's owner and title changed, a theme template overridden (the docs
 * pages' own or another), a portal page added to the menu, edits committed (the pages' "last updated" dates come
 * from git history).
 */
class IncrementalBuildTest {

    private static final int KINDS = 9;

    @Test
    void aBuildFromTheCacheIsTheBuildWithoutIt(@TempDir Path project) throws Exception {
        copy(TestFiles.projectRoot().resolve("catalog"), project.resolve("catalog"));
        copy(TestFiles.projectRoot().resolve("content"), project.resolve("content"));
        Files.writeString(project.resolve("paved.yaml"), "title: Incremental\nsources: [catalog]\n");
        Instant day = Instant.parse("2026-01-05T10:00:00Z");
        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
            commit(git, "first", day);
            List<Path> docs = docsPages(project);
            Random random = new Random(16);

            assertSame(project, "cold");
            Map<Path, FileTime> entries = cacheEntries(project, "docs");
            Map<Path, FileTime> pages = cacheEntries(project, "site");
            assertTrue(entries.size() >= 4, "the demo's doc sets are kept: " + entries.keySet());
            assertEquals(entries.size(), pages.keySet().stream().filter(p -> p.toString().endsWith(".pages"))
                    .count(), "each doc set's pages are kept: " + pages.keySet());
            assertTrue(pages.keySet().stream().anyMatch(p -> p.endsWith("fragments.bin")),
                    "relation diagrams are kept: " + pages.keySet());
            assertSame(project, "nothing changed");
            assertEquals(entries, cacheEntries(project, "docs"), "nothing changed: no doc set rendered again");
            assertEquals(pages, cacheEntries(project, "site"), "nothing changed: no docs page rendered again");

            // Every kind of edit twice, in a random order, each committed or not.
            List<Integer> kinds = new ArrayList<>();
            for (int k = 0; k < 2 * KINDS; k++) {
                kinds.add(k % KINDS);
            }
            Collections.shuffle(kinds, random);
            for (int i = 0; i < kinds.size(); i++) {
                String edit = edit(project, docs, random, kinds.get(i), i);
                if (random.nextBoolean()) {
                    day = day.plusSeconds(86_400);
                    commit(git, edit, day);
                    edit += ", committed";
                }
                assertSame(project, edit);
            }
        }
    }

    /** One random edit of the project, described. */
    private static String edit(Path project, List<Path> docs, Random random, int kind, int i) throws IOException {
        Path page = docs.get(random.nextInt(docs.size()));
        switch (kind) {
            case 0 -> {
                Files.writeString(page, Files.readString(page) + "\n## Added section " + i + "\n\nMore text.\n");
                return "edited " + project.relativize(page);
            }
            case 1 -> {
                Path added = page.resolveSibling("added-" + i + ".md");
                Files.writeString(added, "# Added page " + i + "\n\nSee [the other page](" + page.getFileName()
                        + ").\n");
                docs.add(added);
                return "added " + project.relativize(added);
            }
            case 2 -> {
                if (docs.size() > 6) {
                    Files.delete(page);
                    docs.remove(page);
                    return "removed " + project.relativize(page);
                }
                return "kept " + project.relativize(page);
            }
            case 3 -> {
                Path renamed = page.resolveSibling("renamed-" + i + ".md");
                Files.move(page, renamed);
                docs.set(docs.indexOf(page), renamed);
                return "renamed " + project.relativize(page);
            }
            case 4 -> {
                Path mkdocs = firstMkdocs(project);
                Files.writeString(mkdocs, Files.readString(mkdocs).replaceFirst("site_name: .*",
                        "site_name: Renamed docs " + i));
                return "changed " + project.relativize(mkdocs);
            }
            case 5 -> {
                Path file = project.resolve("catalog/components/billing-service/catalog-info.yaml");
                Files.writeString(file, Files.readString(file).replaceFirst("owner: [\\w:-]+",
                        "owner: " + (i % 2 == 0 ? "team-web" : "team-billing")));
                return "changed an owner";
            }
            case 6 -> {
                Path file = project.resolve("catalog/components/billing-service/catalog-info.yaml");
                Files.writeString(file, Files.readString(file).replaceFirst("title: Billing service.*",
                        "title: Billing service " + i));
                return "changed the title of an entity with docs";
            }
            case 7 -> {
                Path added = project.resolve("content/added-" + i + ".md");
                Files.writeString(added, "title=Added " + i + "\ntype=page\nstatus=published\n~~~~~~\n\n# Added "
                        + i + "\n");
                return "added a portal page to the menu";
            }
            default -> {
                boolean docsPages = random.nextBoolean();
                Path template = project.resolve("theme/templates/" + (docsPages ? "docs.peb" : "notfound.peb"));
                Files.createDirectories(template.getParent());
                Files.writeString(template, "{% extends \"layout\" %}{% block content %}<h1>"
                        + (docsPages ? "Docs " : "Lost ") + i + "</h1>{{ docPage.html | raw }}{% endblock %}\n");
                Path config = project.resolve("paved.yaml");
                if (!Files.readString(config).contains("theme:")) {
                    Files.writeString(config, Files.readString(config) + "theme: theme\n");
                }
                return "overrode the theme's " + template.getFileName();
            }
        }
    }

    /** Builds with the cache and without it, into two folders, and compares every file. */
    private static void assertSame(Path project, String after) throws IOException {
        PavedConfig config = ConfigReader.read(project, new Diagnostics());
        Path cached = project.resolve("target/with-cache");
        Path cold = project.resolve("target/without");
        Pipeline.build(config.withOutput(cached), Pipeline.Options.defaults());
        Pipeline.build(config.withOutput(cold), Pipeline.Options.defaults().withCache(false));
        Map<String, byte[]> a = files(cached);
        Map<String, byte[]> b = files(cold);
        assertEquals(b.keySet(), a.keySet(), "after " + after + ": the same files");
        List<String> differ = new ArrayList<>();
        b.forEach((path, bytes) -> {
            if (!Arrays.equals(bytes, a.get(path))) {
                differ.add(path);
            }
        });
        assertEquals(List.of(), differ, "after " + after + ": the same bytes");
    }

    private static Map<String, byte[]> files(Path site) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(site.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static Map<Path, FileTime> cacheEntries(Path project, String part) throws IOException {
        Map<Path, FileTime> out = new TreeMap<>();
        try (Stream<Path> walk = Files.list(project.resolve("target/paved-cache").resolve(part))) {
            for (Path p : walk.toList()) {
                out.put(p, Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    private static List<Path> docsPages(Path project) throws IOException {
        try (Stream<Path> walk = Files.walk(project.resolve("catalog"))) {
            return new ArrayList<>(walk.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> p.toString().contains("/docs/") && !p.toString().contains("/skeleton/")).sorted()
                    .toList());
        }
    }

    private static Path firstMkdocs(Path project) throws IOException {
        try (Stream<Path> walk = Files.walk(project.resolve("catalog"))) {
            return walk.filter(p -> p.getFileName().toString().equals("mkdocs.yml")).sorted().findFirst()
                    .orElseThrow();
        }
    }

    private static void commit(Git git, String message, Instant when) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("Test", "test@example.com", when, ZoneOffset.UTC);
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
