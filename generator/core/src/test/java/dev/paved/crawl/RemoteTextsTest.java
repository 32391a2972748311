package dev.paved.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paved.TestFiles;
import dev.paved.catalog.RemoteTexts.RemoteText;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Code;
import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.pipeline.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote placeholders ({@code $text: https://…}) read at build time, against a loopback server answering as
 * GitHub's raw content does (a private repository: 404 without the token, {@code ETag} and 304): fetched with the
 * integration's token, refused on a host no integration names, kept in the crawl cache for an offline rebuild, and
 * today's warning and URL without it. The token, set in the environment by the build (surefire), never shows.
 */
class RemoteTextsTest {

    private static final String VARIABLE = "PAVED_TEST_REMOTE_TOKEN";
    private static final String RAW_PATH = "/raw/acme/apis/main/petstore.yaml";
    private static final String ETAG = "\"petstore-v1\"";

    @TempDir
    Path dir;

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String token;

    /** Starts the server, answering the petstore definition to a request with {@code expected} as its token. */
    private int serve(String expected) throws IOException {
        token = expected;
        String body = Files.readString(TestFiles.resource("remote/served/petstore.yaml"), StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            String since = x.getRequestHeaders().getFirst("If-None-Match");
            heard.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " " + auth
                    + (since == null ? "" : " if-none-match " + since));
            if (!x.getRequestURI().getPath().equals(RAW_PATH) || !("Bearer " + token).equals(auth)) {
                send(x, 404, "404: Not Found"); // what GitHub answers for a private file without the token
            } else if (ETAG.equals(since)) {
                x.sendResponseHeaders(304, -1);
                x.close();
            } else {
                x.getResponseHeaders().set("ETag", ETAG);
                send(x, 200, body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    /** The fixture project with the server's port in its paved.yaml and entity URLs. */
    private PavedConfig project(int port) throws IOException {
        Path fixture = TestFiles.resource("remote/project");
        Path project = dir.resolve("project");
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path from : files.filter(Files::isRegularFile).toList()) {
                Path to = project.resolve(fixture.relativize(from).toString());
                Files.createDirectories(to.getParent());
                Files.writeString(to, Files.readString(from).replace("@PORT@", String.valueOf(port)));
            }
        }
        Diagnostics problems = new Diagnostics();
        PavedConfig config = ConfigReader.read(project, problems);
        assertEquals(List.of(), problems.sorted(), "the fixture's paved.yaml is read without problems");
        return config;
    }

    private record Built(Pipeline.Result result, List<String> log) {
        List<Diagnostic> with(Code code) {
            return result.diagnostics().stream().filter(d -> d.code() == code).toList();
        }

        Document api(String name) {
            try {
                return Jsoup.parse(result.output().resolve("catalog/default/api/" + name + "/index.html").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Built build(PavedConfig config, boolean cache) throws IOException {
        List<String> log = new CopyOnWriteArrayList<>();
        Pipeline.Result result = Pipeline.build(config, Pipeline.Options.defaults().withThreads(2).withCache(cache)
                .withProgress(Crawler.Progress.lines(log::add)));
        return new Built(result, log);
    }

    private static void showsThePetstore(Document page) {
        assertTrue(page.select("table.operations td code").eachText().containsAll(List.of("/pets", "/pets/{petId}")),
                page.select("section.api-definition").text());
        assertTrue(page.select("table.operations").text().contains("List all pets"));
        assertTrue(page.selectFirst("details.source code").text().contains("title: Swagger Petstore"));
    }

    /** The line of {@code text} in the project's catalog file, from 1. */
    private int lineOf(String text) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("project/catalog/catalog-info.yaml"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in the catalog");
    }

    private void tokenShowsNowhere(Built built, Path... folders) throws IOException {
        assertFalse(built.result().diagnostics().toString().contains(token), "no diagnostic holds the token");
        assertFalse(String.join("\n", built.log()).contains(token), "no log line holds the token");
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(token),
                            "the token is in " + file);
                }
            }
        }
    }

    @Test
    void aRemoteDefinitionIsFetchedWithTheIntegrationsTokenAndShownAsAnInlineOneIs() throws IOException {
        String secret = System.getenv(VARIABLE);
        assertNotNull(secret, VARIABLE + " is set by the build (generator/core/pom.xml)");
        PavedConfig config = project(serve(secret));

        Built built = build(config, true);

        assertEquals(List.of(), built.with(Code.PLACEHOLDER_REMOTE), "the definition was read");
        showsThePetstore(built.api("petstore"));
        assertEquals(List.of("GET " + RAW_PATH + " Bearer " + secret), heard,
                "one request, to the raw form of the blob URL, with the token; none for the refused host");
        List<Diagnostic> refused = built.with(Code.PLACEHOLDER_HOST_NOT_ALLOWED);
        assertEquals(1, refused.size(), built.result().diagnostics().toString());
        assertTrue(refused.get(0).file().endsWith("catalog-info.yaml"));
        assertEquals(lineOf("$text: http://localhost:"), refused.get(0).line());
        assertTrue(refused.get(0).message().contains("reading from localhost is not allowed"),
                refused.get(0).message());
        assertTrue(built.api("elsewhere").selectFirst("details.source code").text()
                .startsWith("http://localhost:"), "the refused URL is kept as the value");
        tokenShowsNowhere(built, config.output(), config.cache());
    }

    @Test
    void aRebuildAsksWhetherTheDefinitionChangedAndOfflineUsesTheCopyInTheCrawlCache() throws IOException {
        PavedConfig config = project(serve(System.getenv(VARIABLE)));
        build(config, true);
        assertTrue(Files.isDirectory(config.cache().resolve(UrlReader.CACHE_FOLDER)));

        Built again = build(config, true);
        assertEquals("GET " + RAW_PATH + " Bearer " + token + " if-none-match " + ETAG, heard.get(1),
                "the second build asks with the ETag");
        showsThePetstore(again.api("petstore"));
        assertEquals(List.of(), again.with(Code.PLACEHOLDER_STALE), "a 304 is fresh");

        server.stop(0);
        server = null;
        Built offline = build(config, true);
        showsThePetstore(offline.api("petstore"));
        assertEquals(List.of(), offline.with(Code.PLACEHOLDER_REMOTE));
        List<Diagnostic> stale = offline.with(Code.PLACEHOLDER_STALE);
        assertEquals(1, stale.size(), offline.result().diagnostics().toString());
        assertEquals(lineOf("$text: http://127.0.0.1:"), stale.get(0).line());
        assertTrue(stale.get(0).message().contains("/acme/apis/blob/main/petstore.yaml"), stale.get(0).message());
        assertTrue(stale.get(0).message().contains("the copy an earlier build fetched is used"));
        tokenShowsNowhere(offline, config.output(), config.cache());
    }

    @Test
    void offlineWithoutAnEarlierCopyTheUrlIsKeptWithTodaysWarning() throws IOException {
        PavedConfig config = project(serve(System.getenv(VARIABLE)));
        server.stop(0);
        server = null;

        Built built = build(config, true);

        List<Diagnostic> remote = built.with(Code.PLACEHOLDER_REMOTE);
        assertEquals(1, remote.size(), built.result().diagnostics().toString());
        assertEquals(lineOf("$text: http://127.0.0.1:"), remote.get(0).line());
        assertTrue(remote.get(0).message().contains("could not be reached"), remote.get(0).message());
        Document page = built.api("petstore");
        assertTrue(page.select("table.operations").isEmpty());
        assertTrue(page.selectFirst("details.source code").text().matches(
                "http://127\\.0\\.0\\.1:\\d+/acme/apis/blob/main/petstore\\.yaml"));
        tokenShowsNowhere(built, config.output());
    }

    @Test
    void withoutTheCacheAnOfflineRebuildDoesNotUseTheEarlierCopy() throws IOException {
        PavedConfig config = project(serve(System.getenv(VARIABLE)));
        build(config, true);
        server.stop(0);
        server = null;

        Built built = build(config, false);

        assertEquals(1, built.with(Code.PLACEHOLDER_REMOTE).size(), built.result().diagnostics().toString());
        assertEquals(List.of(), built.with(Code.PLACEHOLDER_STALE));
        assertTrue(built.api("petstore").select("table.operations").isEmpty());
    }

    @Test
    void aWrongOrMissingTokenIsNamedByItsVariableAndNeverShown() throws IOException {
        int port = serve("the-right-t0ken");
        String url = "http://127.0.0.1:" + port + "/acme/apis/blob/main/petstore.yaml";
        Integration integration = new Integration(RepositorySource.Provider.GITHUB, "127.0.0.1:" + port, "",
                "http://127.0.0.1:" + port + "/raw", "API_TOKEN");
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        RemoteText wrong = new UrlReader(List.of(integration), v -> "a-wrong-t0ken", client, Optional.empty())
                .read(url);
        RemoteText.NotRead notRead = assertInstanceOf(RemoteText.NotRead.class, wrong);
        assertEquals(RemoteText.Why.NOT_FETCHED, notRead.why());
        assertTrue(notRead.reason().contains("HTTP 404") && notRead.reason().contains("API_TOKEN"),
                notRead.reason());
        assertFalse(notRead.reason().contains("a-wrong-t0ken"));

        RemoteText unset = new UrlReader(List.of(integration), v -> null, client, Optional.empty()).read(url);
        assertTrue(((RemoteText.NotRead) unset).reason().contains("the token variable API_TOKEN is not set"),
                unset.toString());

        RemoteText right = new UrlReader(List.of(integration), v -> "the-right-t0ken", client, Optional.empty())
                .read(url);
        assertTrue(assertInstanceOf(RemoteText.Read.class, right).text().contains("Swagger Petstore"));
        assertEquals(3, heard.size(), "each reader asked once: " + heard);
    }

    @Test
    void onlyTheIntegrationsHostsAreReadAndGithubComAndGitlabComWithoutConfiguration() {
        UrlReader reader = new UrlReader(List.of(), v -> null, HttpClient.newHttpClient(), Optional.empty());
        RemoteText refused = reader.read("https://definitions.example.org/petstore.yaml");
        assertEquals(RemoteText.Why.HOST_NOT_ALLOWED, ((RemoteText.NotRead) refused).why());
        assertTrue(Integration.IMPLICIT.stream().anyMatch(i -> i.serves(URI.create("https://github.com/a/b"))));
        assertTrue(Integration.IMPLICIT.stream().anyMatch(i -> i.serves(URI.create(
                "https://raw.githubusercontent.com/a/b/main/x.yaml"))));
        assertTrue(Integration.IMPLICIT.stream().anyMatch(i -> i.serves(URI.create("https://gitlab.com/a/b"))));
        assertFalse(Integration.IMPLICIT.stream().anyMatch(i -> i.serves(URI.create("https://github.com:8443/a"))));
        assertEquals(RemoteText.Why.NOT_FETCHED, ((RemoteText.NotRead) reader.read("file:///etc/passwd")).why());
    }

    @Test
    void fileUrlsAreReadFromTheirRawForm() {
        Integration github = Integration.IMPLICIT.get(0);
        assertEquals("https://raw.githubusercontent.com/backstage/backstage/master/plugins/x/openapi.yaml",
                github.rawUrl(URI.create("https://github.com/backstage/backstage/blob/master/plugins/x/openapi.yaml"))
                        .toString());
        assertEquals("https://raw.githubusercontent.com/o/r/main/a.yaml",
                github.rawUrl(URI.create("https://raw.githubusercontent.com/o/r/main/a.yaml")).toString());
        Integration enterprise = new Integration(RepositorySource.Provider.GITHUB, "ghe.example.com", "", "", "");
        assertEquals("https://ghe.example.com/raw/o/r/v1.2/api/a.yaml",
                enterprise.rawUrl(URI.create("https://ghe.example.com/o/r/blob/v1.2/api/a.yaml")).toString());
        Integration gitlab = Integration.IMPLICIT.get(1);
        assertEquals("https://gitlab.com/g/sub/p/-/raw/main/api.yaml?ref_type=heads",
                gitlab.rawUrl(URI.create("https://gitlab.com/g/sub/p/-/blob/main/api.yaml?ref_type=heads"))
                        .toString());
        Integration gitea = new Integration(RepositorySource.Provider.GITEA, "gitea.example.com", "", "", "");
        assertEquals("https://gitea.example.com/o/r/raw/branch/main/api.yaml",
                gitea.rawUrl(URI.create("https://gitea.example.com/o/r/src/branch/main/api.yaml")).toString());
    }
}
