package dev.paved.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.junit.jupiter.api.Test;

/**
 * JGit under the credential policy, against two loopback servers answering as a git host does: the first asks for
 * credentials, then redirects to the second, another origin (another port of the same host), where JGit would
 * otherwise send the same {@code Authorization} header again.
 */
class GitAuthTest {

    @Test
    void aRedirectToAnotherPortGetsNoAuthorization() throws Exception {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/acme/payments.git", x -> {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            first.add(String.valueOf(auth));
            if (auth == null) {
                challenge(x);
            } else {
                x.getResponseHeaders().add("Location", "http://127.0.0.1:" + other.getAddress().getPort()
                        + x.getRequestURI());
                x.sendResponseHeaders(302, -1);
                x.close();
            }
        });
        other.createContext("/", x -> {
            second.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
            challenge(x);
        });
        host.start();
        other.start();
        try {
            String remote = "http://127.0.0.1:" + host.getAddress().getPort() + "/acme/payments.git";
            HostToken token = HostToken.of("GIT_TOKEN", "s3cret", remote);
            assertThrows(TransportException.class, () -> Git.lsRemoteRepository().setRemote(remote)
                    .setTransportConfigCallback(GitAuth.forRemote(remote, Optional.of(token))).call());
            String basic = "Basic " + Base64.getEncoder().encodeToString("x-access-token:s3cret"
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of("null", basic), first, "the token went to its origin when asked");
            assertFalse(second.isEmpty(), "the redirect was followed");
            assertTrue(second.stream().allMatch("null"::equals), "the other origin got " + second);
        } finally {
            host.stop(0);
            other.stop(0);
        }
    }

    private static void challenge(HttpExchange x) throws IOException {
        x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        x.sendResponseHeaders(401, -1);
        x.close();
    }

    @Test
    void aTokenForAnotherOriginIsNotGiven() throws Exception {
        HostToken token = HostToken.of("GIT_TOKEN", "s3cret", "https://git.example.com");
        List<String> asked = new ArrayList<>();
        HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/", x -> {
            asked.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
            challenge(x);
        });
        host.start();
        try {
            String remote = "http://127.0.0.1:" + host.getAddress().getPort() + "/x.git";
            assertThrows(TransportException.class, () -> Git.lsRemoteRepository().setRemote(remote)
                    .setTransportConfigCallback(GitAuth.forRemote(remote, Optional.of(token))).call());
            assertTrue(asked.stream().allMatch("null"::equals), asked.toString());
        } finally {
            host.stop(0);
        }
    }

    @Test
    void aPasswordInAPlainHttpUrlIsRefusedBeforeAnyConnection() {
        TokenRefusedException e = assertThrows(TokenRefusedException.class, () -> GitAuth.forRemote(
                "http://alice:hunter2@git.example.com/x.git", Optional.empty()));
        assertEquals("the password in the URL is not sent over plain http to http://git.example.com/x.git: use https "
                + "(plain http only to loopback: 127.0.0.0/8, ::1, localhost)", e.getMessage());
    }
}
