package dev.paved.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.config.ConfigReader;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code paved preview} as {@code mkdocs serve}: a served portal is built again when a docs page or a catalog file
 * changes, and the pages open in a browser hear of it (fixture: {@code src/test/resources/preview/live}).
 */
class LivePreviewTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void editingADocsPageOrACatalogFileRebuildsTheServedPortal(@TempDir Path project, @TempDir Path out)
            throws Exception {
        copy(TestFiles.resource("preview/live"), project);
        CopyOnWriteArrayList<Pipeline.Result> builds = new CopyOnWriteArrayList<>();
        LivePreview.Listener listener = new LivePreview.Listener() {
            @Override
            public void built(Pipeline.Result result) {
                builds.add(result);
            }

            @Override
            public void failed(IOException e) {
                throw new AssertionError(e);
            }
        };
        try (LivePreview preview = LivePreview.start(
                () -> ConfigReader.read(project, new Diagnostics()).withOutput(out),
                Pipeline.Options.defaults(), 0, listener)) {
            URI docs = preview.uri().resolve("docs/default/component/label-printer/index.html");
            URI entity = preview.uri().resolve("catalog/default/component/label-printer/index.html");
            String page = get(docs);
            assertTrue(page.contains("Prints A6 labels."), page);
            assertTrue(page.contains("/__paved/reload?since="), "a served page listens for rebuilds");
            assertTrue(!Files.readString(out.resolve("docs/default/component/label-printer/index.html"))
                    .contains("__paved"), "the built files are not changed");

            // A page open in a browser waits for the next build.
            CompletableFuture<String> poll = http.sendAsync(HttpRequest.newBuilder(
                    preview.uri().resolve("__paved/reload?since=0")).build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(HttpResponse::body);
            Files.writeString(project.resolve("catalog/docs/index.md"), "# Label printer\n\nPrints A6 and A5 labels.\n");
            assertEquals("1", poll.get(20, TimeUnit.SECONDS), "the page hears of the rebuild");
            assertTrue(get(docs).contains("Prints A6 and A5 labels."));

            Path catalog = project.resolve("catalog/catalog-info.yaml");
            Files.writeString(catalog, Files.readString(catalog).replace("Prints shipping labels.",
                    "Prints shipping and returns labels."));
            String second = http.send(HttpRequest.newBuilder(preview.uri().resolve("__paved/reload?since=1")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals("2", second);
            assertTrue(get(entity).contains("Prints shipping and returns labels."));
            assertEquals(3, builds.size(), "one build at the start and one for each edit");
        }
    }

    private String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), uri.toString());
        return response.body();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
