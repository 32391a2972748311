package dev.paved.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.credential.Redact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the last crawls found, kept in the cache folder ({@code crawl-state.json}) so that CI can restore it: per
 * repository, the commit crawled, when, the last error, and the marker of its last change that discovery listed.
 * An unchanged repository is then one {@code ls-remote}, or nothing when discovery lists the same marker.
 */
final class CrawlState {

    static final String FILE = "crawl-state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One repository's state.
     *
     * @param name      its display name
     * @param commit    the last commit crawled successfully, or empty
     * @param crawledAt when that was (ISO-8601), or empty
     * @param error     the last attempt's error, or empty when it succeeded
     * @param errorAt   when the error happened, or empty
     * @param source    the organisation it was discovered in, or empty
     * @param stamp     the marker of its last change discovery listed when it was last looked at, or empty
     * @param checkedAt when the repository was last asked for its commit (ISO-8601; before it answered), or empty
     */
    record Entry(String name, String commit, String crawledAt, String error, String errorAt, String source,
                 String stamp, String checkedAt) {

        /**
         * Whether this state still holds for a repository discovery lists with {@code now}: the last crawl succeeded,
         * with a commit, under the same marker, and looked at the repository late enough that the marker shows every
         * push since ({@link VersionStamp#coveredBy}).
         */
        boolean current(VersionStamp now) {
            return error.isEmpty() && !commit.isEmpty() && now.value().equals(stamp) && now.coveredBy(checkedAt);
        }
    }

    private final Path file;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private CrawlState(Path file) {
        this.file = file;
    }

    /** The state in a cache folder; empty when there is none or it cannot be read (it is only a cache). */
    static CrawlState load(Path cache) {
        CrawlState state = new CrawlState(cache.resolve(FILE));
        try {
            if (Files.isRegularFile(state.file)) {
                JsonNode root = JSON.readTree(state.file.toFile());
                root.path("repositories").fields().forEachRemaining(e -> state.entries.put(e.getKey(),
                        new Entry(e.getValue().path("name").asText(), e.getValue().path("commit").asText(),
                                e.getValue().path("crawledAt").asText(), e.getValue().path("error").asText(),
                                e.getValue().path("errorAt").asText(), e.getValue().path("source").asText(),
                                e.getValue().path("stamp").asText(), e.getValue().path("checkedAt").asText())));
            }
        } catch (IOException | RuntimeException e) {
            state.entries.clear();
        }
        return state;
    }

    /** A repository's key: its URL without credentials (they are never stored) and its branch. */
    static String key(Repository repo) {
        return Redact.url(repo.url()) + "#" + repo.branch();
    }

    Optional<Entry> get(Repository repo) {
        return Optional.ofNullable(entries.get(key(repo)));
    }

    Map<String, Entry> all() {
        return new TreeMap<>(entries);
    }

    void put(Repository repo, Entry entry) {
        entries.put(key(repo), entry);
    }

    void save() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        ObjectNode repos = root.putObject("repositories");
        // Keys, errors and sources are redacted where they are made; redacted again, nothing written can hold one.
        new TreeMap<>(entries).forEach((k, e) -> repos.putObject(Redact.message(k)).put("name", e.name())
                .put("commit", e.commit()).put("crawledAt", e.crawledAt())
                .put("error", e.error().isEmpty() ? "" : Redact.message(e.error())).put("errorAt", e.errorAt())
                .put("source", Redact.message(e.source())).put("stamp", e.stamp()).put("checkedAt", e.checkedAt()));
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(FILE + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
