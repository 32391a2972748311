package dev.paved.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token follows a redirect only on the origin it was sent to: two loopback servers answer as a REST API does, the
 * first redirecting (302) to itself and to the second, which is another origin (another port).
 */
class TokenHttpTest {

    private HttpServer api;
    private HttpServer elsewhere;
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/orgs/acme/repos", x -> redirect(x, url(elsewhere, "/orgs/acme/repos")));
        api.createContext("/orgs/renamed/repos", x -> redirect(x, "/orgs/acme-new/repos"));
        api.createContext("/orgs/acme-new/repos", x -> answer(x, "api"));
        api.createContext("/user/repos", x -> redirect(x, url(elsewhere, "/user/repos")));
        elsewhere.createContext("/", x -> answer(x, "elsewhere"));
        api.start();
        elsewhere.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
        elsewhere.stop(0);
    }

    private static String url(HttpServer server, String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void redirect(HttpExchange x, String location) throws IOException {
        x.getResponseHeaders().add("Location", location);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private void answer(HttpExchange x, String who) throws IOException {
        synchronized (seen) {
            seen.add(who + " " + x.getRequestMethod() + " " + x.getRequestURI().getPath() + " Authorization="
                    + x.getRequestHeaders().getFirst("Authorization"));
        }
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(200, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    private HostToken token() throws IOException {
        return HostToken.of("GITHUB_TOKEN", "t0ken", url(api, "/"));
    }

    @Test
    void aRedirectToAnotherOriginLeavesTheTokenBehind() throws Exception {
        HttpResponse<String> response = new TokenHttp(Duration.ofSeconds(5)).send(HttpRequest.newBuilder(
                URI.create(url(api, "/orgs/acme/repos"))).build(), Optional.of(token()), TokenHttp.Header.BEARER);
        assertEquals(200, response.statusCode());
        assertEquals(List.of("elsewhere GET /orgs/acme/repos Authorization=null"), seen);
    }

    @Test
    void aRedirectOnTheSameOriginKeepsIt() throws Exception {
        new TokenHttp(Duration.ofSeconds(5)).send(HttpRequest.newBuilder(URI.create(url(api, "/orgs/renamed/repos")))
                .build(), Optional.of(token()), TokenHttp.Header.BEARER);
        assertEquals(List.of("api GET /orgs/acme-new/repos Authorization=Bearer t0ken"), seen);
    }

    @Test
    void aPostRedirectedWith302BecomesAGetWithoutTheToken() throws Exception {
        new TokenHttp(Duration.ofSeconds(5)).send(HttpRequest.newBuilder(URI.create(url(api, "/user/repos")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build(), Optional.of(token()),
                TokenHttp.Header.TOKEN);
        assertEquals(List.of("elsewhere GET /user/repos Authorization=null"), seen);
    }

    @Test
    void aTokenGoesOnlyToItsOrigins() throws Exception {
        HostToken forElsewhere = HostToken.of("GITEA_TOKEN", "t0ken", url(elsewhere, "/"));
        new TokenHttp(Duration.ofSeconds(5)).send(HttpRequest.newBuilder(URI.create(url(api, "/orgs/acme-new/repos")))
                .build(), Optional.of(forElsewhere), TokenHttp.Header.TOKEN);
        assertEquals(List.of("api GET /orgs/acme-new/repos Authorization=null"), seen);
    }

    @Test
    void aClientThatFollowsRedirectsItselfIsNotTaken() {
        assertThrows(IllegalArgumentException.class, () -> new TokenHttp(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL).build()));
    }
}
