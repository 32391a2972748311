package dev.paved.pipeline;

import dev.paved.io.KeptFile;
import dev.paved.io.Sha256;
import dev.paved.search.SearchDocument;
import dev.paved.search.SearchField;
import dev.paved.search.SearchIndex;
import dev.paved.site.SearchDocuments;
import dev.paved.site.SiteGenerator;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.TreeMap;

/**
 * Search: the Lucene index of every entity, docs section and portal page, exported as static files. The files are a
 * function of the documents alone: with a cache folder, a build whose documents are those of the last build reuses
 * that build's files rather than indexing again.
 */
final class SearchStage {

    /** Changes when the kept form does. */
    private static final String FORMAT = "search-cache/1";

    private SearchStage() {
    }

    /**
     * The index files, by path under the site's {@code search/} folder.
     *
     * @param cache the folder the last build's files are kept in, or empty
     */
    static Stage<Map<String, byte[]>> run(SiteGenerator.Input site, Optional<Path> cache) {
        return Stage.run("search", diagnostics -> {
            // Splitting pages into sections (parsing their HTML) is most of the work when the index is reused:
            // the sections of a page whose title and body are unchanged are kept too.
            Map<String, List<SearchDocuments.Section>> kept = cache.map(f -> readSections(f.resolve("sections.bin")))
                    .orElse(Map.of());
            Map<String, List<SearchDocuments.Section>> used = new HashMap<>();
            List<SearchDocument> documents = SearchDocuments.of(site, (title, html) -> {
                String key = Sha256.hex(title + "\0" + html);
                List<SearchDocuments.Section> sections = kept.get(key);
                if (sections == null) {
                    sections = SearchDocuments.split(title, html);
                }
                used.put(key, sections);
                return sections;
            });
            if (!used.keySet().equals(kept.keySet())) {
                cache.ifPresent(folder -> writeSections(folder, used));
            }
            String digest = digest(documents);
            Optional<Map<String, byte[]>> reused = cache.flatMap(folder -> read(folder.resolve("index.bin"), digest));
            if (reused.isPresent()) {
                return reused.get();
            }
            Map<String, byte[]> files;
            Optional<KeptParts> parts = cache.map(folder -> new KeptParts(folder.resolve("parts")));
            try (SearchIndex index = SearchIndex.build(documents, parts.map(SearchIndex.Parts.class::cast)
                    .orElse(SearchIndex.Parts.NONE))) {
                files = index.export();
            }
            parts.ifPresent(KeptParts::removeUnused);
            cache.ifPresent(folder -> write(folder, digest, files));
            return files;
        });
    }

    /**
     * The index's parts kept between builds, one file each, named by a digest of the part's key and the code: a build
     * with one page edited indexes the part that holds it and reads the others.
     */
    private static final class KeptParts implements SearchIndex.Parts {
        private final Path folder;
        private final Set<String> used = ConcurrentHashMap.newKeySet();

        KeptParts(Path folder) {
            this.folder = folder;
        }

        private String name(String key) {
            String name = Sha256.hex(FORMAT + "\0" + CodeVersion.CURRENT + "\0" + key) + ".part";
            used.add(name);
            return name;
        }

        @Override
        public Optional<Map<String, byte[]>> find(String key) {
            Path file = folder.resolve(name(key));
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                    1 << 16))) {
                return Optional.of(KeptFile.readBlobs(in));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // indexed again
            }
        }

        @Override
        public void keep(String key, Map<String, byte[]> files) {
            try {
                KeptFile.write(folder.resolve(name(key)), out -> KeptFile.writeBlobs(out, files));
            } catch (IOException | RuntimeException e) {
                // not kept
            }
        }

        void removeUnused() {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    if (!used.contains(file.getFileName().toString())) {
                        Files.deleteIfExists(file);
                    }
                }
            } catch (IOException e) {
                // the next build tries again
            }
        }
    }

    /** A digest of the documents, in order, and of the code that indexes them. */
    private static String digest(List<SearchDocument> documents) {
        MessageDigest sha = Sha256.digest();
        Sha256.addFramed(sha, FORMAT);
        Sha256.addFramed(sha, CodeVersion.CURRENT);
        for (SearchDocument d : documents) {
            Sha256.addFramed(sha, d.url());
            Sha256.addFramed(sha, d.title());
            Sha256.addFramed(sha, d.context());
            Sha256.addFramed(sha, String.valueOf(d.facets().size()));
            new TreeMap<>(d.facets()).forEach((k, v) -> {
                Sha256.addFramed(sha, k);
                Sha256.addFramed(sha, v);
            });
            for (SearchField field : SearchField.values()) {
                Sha256.addFramed(sha, d.field(field));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Optional<Map<String, byte[]>> read(Path file, String digest) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!in.readUTF().equals(digest)) {
                return Optional.empty();
            }
            return Optional.of(KeptFile.readBlobs(in));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged file is indexed again
        }
    }

    /** Keeps this build's files; a cache that cannot be written only costs the next build time. */
    private static void write(Path folder, String digest, Map<String, byte[]> files) {
        try {
            KeptFile.write(folder.resolve("index.bin"), out -> {
                out.writeUTF(digest);
                KeptFile.writeBlobs(out, files);
            });
        } catch (IOException | RuntimeException e) {
            // not kept
        }
    }

    private static Map<String, List<SearchDocuments.Section>> readSections(Path file) {
        Map<String, List<SearchDocuments.Section>> out = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!in.readUTF().equals(FORMAT + CodeVersion.CURRENT)) {
                return out;
            }
            int pages = in.readInt();
            for (int i = 0; i < pages; i++) {
                String key = in.readUTF();
                int count = in.readInt();
                List<SearchDocuments.Section> sections = new ArrayList<>(count);
                for (int j = 0; j < count; j++) {
                    String title = readText(in);
                    String anchor = readText(in);
                    List<String> parents = new ArrayList<>();
                    for (int k = in.readInt(); k > 0; k--) {
                        parents.add(readText(in));
                    }
                    sections.add(new SearchDocuments.Section(title, anchor, parents, readText(in)));
                }
                out.put(key, sections);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return new HashMap<>(); // split again
        }
    }

    private static void writeSections(Path folder, Map<String, List<SearchDocuments.Section>> sections) {
        try {
            KeptFile.write(folder.resolve("sections.bin"), out -> {
                out.writeUTF(FORMAT + CodeVersion.CURRENT);
                out.writeInt(sections.size());
                for (Map.Entry<String, List<SearchDocuments.Section>> page : sections.entrySet()) {
                    out.writeUTF(page.getKey());
                    out.writeInt(page.getValue().size());
                    for (SearchDocuments.Section section : page.getValue()) {
                        writeText(out, section.title());
                        writeText(out, section.anchor());
                        out.writeInt(section.parents().size());
                        for (String parent : section.parents()) {
                            writeText(out, parent);
                        }
                        writeText(out, section.text());
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            // not kept
        }
    }

    /** Text of any length (writeUTF stops at 64 KB). */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }
}
