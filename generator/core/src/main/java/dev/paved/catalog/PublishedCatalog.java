package dev.paved.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entities of a portal that is already published, read from its {@code catalog.json}: a PR check validates the
 * changed files of one repository against it, so that a reference to an entity defined elsewhere resolves.
 */
public final class PublishedCatalog {

    private PublishedCatalog() {
    }

    /**
     * The references of every entity in a published catalog.
     *
     * @param location a {@code catalog.json} file, a built site folder holding one, or an {@code http(s)} URL of
     *                 either (a URL ending in {@code /} gets {@code catalog.json} appended)
     * @throws IOException when it cannot be read or is not a Paved catalog export
     */
    public static Set<EntityRef> read(String location) throws IOException {
        String json;
        if (location.matches("(?i)^https?://.*")) {
            String url = location.endsWith("/") ? location + "catalog.json" : location;
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException(url + " answered HTTP " + response.statusCode());
                }
                json = response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while reading " + url, e);
            }
        } else {
            Path path = Path.of(location);
            json = Files.readString(Files.isDirectory(path) ? path.resolve("catalog.json") : path);
        }
        JsonNode items = new ObjectMapper().readTree(json).path("items");
        if (!items.isArray()) {
            throw new IOException(location + " is not a catalog.json written by Paved (no items list)");
        }
        Set<EntityRef> refs = new TreeSet<>();
        for (JsonNode item : items) {
            refs.add(new EntityRef(item.path("kind").asText(), item.at("/metadata/namespace").asText("default"),
                    item.at("/metadata/name").asText()));
        }
        return refs;
    }
}
