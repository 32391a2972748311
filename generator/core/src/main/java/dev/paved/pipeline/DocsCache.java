package dev.paved.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.docs.DocInputs;
import dev.paved.docs.DocSet;
import dev.paved.docs.MarkdownPages;
import dev.paved.docs.MarkdownRenderer;
import dev.paved.docs.NavItem;
import dev.paved.docs.PageStore;
import dev.paved.docs.TechDocsBuilder;
import dev.paved.io.KeptFile;
import dev.paved.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Rendered doc sets kept between builds, content-addressed: an entry is found by what names the doc set (its
 * location, the entity position its problems are reported at, the renderer's settings and Paved's own code), and
 * used only while the digest of everything it read ({@link DocInputs}) is unchanged. It holds the docs and the
 * problems building them found, so that a build from the cache gives the same pages and the same problems as one
 * without. Entries no build used are removed when a build ends.
 */
final class DocsCache {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Changes when the entry format does. */
    private static final String FORMAT = "docs-cache/1";

    private final Path folder;
    private final String settings;
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    /** When this build began: inputs changed since are not trusted to match what was read. */
    private final Instant start = Instant.now();

    /**
     * @param folder   where entries are kept
     * @param settings what else decides the pages (the renderer's settings), as text
     */
    DocsCache(Path folder, String settings) {
        this.folder = folder;
        this.settings = FORMAT + "\0" + CodeVersion.CURRENT + "\0" + settings;
    }

    /** A doc set, with its {@link DocSet#digest}, and the problems building it found. */
    record Hit(Optional<DocSet> docs, List<Diagnostic> problems) {
    }

    /** The entry for {@code place} when what it read is unchanged; empty otherwise, or when it cannot be read. */
    Optional<Hit> find(TechDocsBuilder.Location place, TechDocsBuilder builder) {
        String key = key(place);
        used.add(key);
        Path file = folder.resolve(key + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Entry entry = JSON.readValue(file.toFile(), Entry.class);
            if (!entry.digest().equals(builder.digest(entry.inputs().toInputs()))) {
                return Optional.empty();
            }
            String identity = identity(key, entry.digest());
            return Optional.of(new Hit(Optional.ofNullable(entry.docs()).map(d -> d.toDocs().withDigest(identity)),
                    entry.problems()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged or older entry is built again
        }
    }

    /**
     * Keeps what building {@code place} gave; a cache that cannot be written only costs the next build time.
     *
     * @return the docs' {@link DocSet#digest}, when what they were read from is known unchanged
     */
    Optional<String> keep(TechDocsBuilder.Location place, TechDocsBuilder.Built built, List<Diagnostic> problems,
                          TechDocsBuilder builder) {
        String key = key(place);
        String digest;
        try {
            if (built.inputs().changedSince(start)) {
                return Optional.empty(); // edited while being read: the next build reads it again
            }
            digest = builder.digest(built.inputs());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        try {
            Entry entry = new Entry(digest, StoredInputs.of(built.inputs()), problems,
                    built.docs().map(CachedDocs::of).orElse(null));
            byte[] json = JSON.writeValueAsBytes(entry);
            KeptFile.write(folder.resolve(key + ".json"), out -> out.write(json));
        } catch (IOException | RuntimeException e) {
            // not kept: the next build renders these docs again
        }
        return Optional.of(identity(key, digest));
    }

    /** What names a doc set's content: where it is and how it was rendered, and the digest of what it read. */
    private static String identity(String key, String digest) {
        return Sha256.hex(key + "\0" + digest);
    }

    /** Removes the entries this build did not ask for (doc sets that are gone or moved) and leftover temp files. */
    void removeUnused() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".json") || !used.contains(name.substring(0, name.length() - 5))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // the next build tries again
        }
    }

    /** The name of the entry for {@code place}: also what decides which shard renders it. */
    String key(TechDocsBuilder.Location place) {
        return Sha256.hex(settings + "\0" + place.dir() + "\0" + place.root() + "\0" + place.fallbackName() + "\0"
                + place.editBase().orElse("") + "\0" + place.at() + "\0" + Path.of("").toAbsolutePath());
    }

    // ---- the entry's form on disk ----

    record Entry(String digest, StoredInputs inputs, List<Diagnostic> problems, CachedDocs docs) {
    }

    record StoredInputs(String root, List<String> files, List<String> trees, List<String> listings) {
        static StoredInputs of(DocInputs inputs) {
            return new StoredInputs(inputs.root().toString(), strings(inputs.files()), strings(inputs.trees()),
                    strings(inputs.listings()));
        }

        DocInputs toInputs() {
            return new DocInputs(Path.of(root), paths(files), paths(trees), paths(listings));
        }

        private static List<String> strings(Set<Path> paths) {
            return paths.stream().map(Path::toString).sorted().toList();
        }

        private static Set<Path> paths(List<String> strings) {
            return Set.copyOf(strings.stream().map(Path::of).toList());
        }
    }

    record CachedDocs(String siteName, String description, List<NavItem> nav, List<CachedPage> pages,
                      List<CachedAsset> assets, Map<String, String> editUrls, Map<String, String> lastUpdated) {
        static CachedDocs of(DocSet docs) {
            return new CachedDocs(docs.siteName(), docs.description(), docs.nav(), docs.pages().stream()
                    .map(p -> new CachedPage(p.sourcePath(), p.outputPath(), p.title(), p.html(), p.headings()))
                    .toList(), docs.assets().stream().map(a -> new CachedAsset(a.path(), a.file().toString()))
                    .toList(), docs.editUrls(), docs.lastUpdated());
        }

        DocSet toDocs() {
            return new DocSet(siteName, description, nav, pages.stream().map(p -> new MarkdownPages.Rendered(
                    p.sourcePath(), p.outputPath(), p.title(), PageStore.Body.of(p.html()), p.headings())).toList(),
                    assets.stream().map(a -> new DocSet.Asset(a.path(), Path.of(a.file()))).toList(), editUrls,
                    lastUpdated);
        }
    }

    record CachedPage(String sourcePath, String outputPath, String title, String html,
                      List<MarkdownRenderer.HeadingInfo> headings) {
    }

    record CachedAsset(String path, String file) {
    }
}
