package dev.paved.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.SourcePosition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The levels of a previous publish, from its {@code scorecards.json} (a file, a built site's folder, or an
 * http(s) URL of the published portal), so that pages show what improved or regressed since.
 */
public final class PreviousScores {

    private final Map<String, String> levels;

    private PreviousScores(Map<String, String> levels) {
        this.levels = levels;
    }

    /** No previous scores. */
    public static PreviousScores none() {
        return new PreviousScores(Map.of());
    }

    /** Reads them; an unreachable or invalid file is a warning and gives none. */
    public static PreviousScores read(String location, Diagnostics diagnostics) {
        if (location == null || location.isBlank()) {
            return none();
        }
        try {
            byte[] bytes;
            if (location.startsWith("http://") || location.startsWith("https://")) {
                String url = location.endsWith(".json") ? location : location.replaceAll("/*$", "/scorecards.json");
                HttpResponse<byte[]> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL).build()
                        .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IOException(url + " answered " + r.statusCode());
                }
                bytes = r.body();
            } else {
                Path p = Path.of(location);
                bytes = Files.readAllBytes(Files.isDirectory(p) ? p.resolve("scorecards.json") : p);
            }
            JsonNode root = new ObjectMapper().readTree(bytes);
            Map<String, String> levels = new HashMap<>();
            for (JsonNode r : root.path("results")) {
                levels.put(key(r.path("entity").asText(), r.path("scorecard").asText()), r.path("level").asText());
            }
            return new PreviousScores(levels);
        } catch (IOException | RuntimeException e) {
            diagnostics.warning(SourcePosition.of(location), Code.PREVIOUS_SCORES_UNREADABLE, "could not read the previous "
                    + "scorecards (" + e.getMessage() + "); trends are not shown");
            return none();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none();
        }
    }

    /** Whether there are previous scores at all. */
    public boolean isEmpty() {
        return levels.isEmpty();
    }

    /** The level a result had at the previous publish ("" for none), or empty when it was not scored then. */
    public Optional<String> levelOf(Scoreboard.Result result) {
        return Optional.ofNullable(levels.get(key(result.entity().ref().toString(), result.scorecard().name())));
    }

    /** +1 improved, -1 regressed, 0 same or unknown. */
    public int trend(Scoreboard.Result result) {
        return levelOf(result).map(before -> Integer.signum(result.scorecard().rank(result.level())
                - result.scorecard().rank(before))).orElse(0);
    }

    private static String key(String entity, String scorecard) {
        return entity + "|" + scorecard;
    }
}
