package dev.paved.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.paved.credential.TokenRefusedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Publishing under the credential policy: tokens over https (plain http only to loopback), never shown. */
class PublishCredentialsTest {

    @Test
    void aGitTokenForPlainHttpToAnotherHostIsRefusedBeforeAnythingIsSent() throws Exception {
        // 0.0.0.0 reaches this machine's servers but is not loopback: a request would be heard here.
        List<String> heard = new ArrayList<>();
        HttpServer listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/", x -> {
            heard.add(x.getRequestURI().toString());
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        listener.start();
        try {
            String remote = "http://0.0.0.0:" + listener.getAddress().getPort() + "/acme/site.git";
            TokenRefusedException e = assertThrows(TokenRefusedException.class, () -> PublishTargets.open(
                    "git:" + remote + "#gh-pages", PublishTargets.Options.none(),
                    Map.of(PublishTargets.GIT_TOKEN, "s3cret")::get));
            assertEquals("the token in PAVED_GIT_TOKEN is not sent over plain http to " + remote
                    + ": use https (plain http only to loopback: 127.0.0.0/8, ::1, localhost)", e.getMessage());
            assertEquals(List.of(), heard, "nothing was sent");
        } finally {
            listener.stop(0);
        }
    }

    @Test
    void s3CredentialsGoOverHttpsOrToLoopbackOnly() throws Exception {
        TokenRefusedException e = assertThrows(TokenRefusedException.class, () -> S3Target.open(
                URI.create("s3://portal/site"), Optional.of(URI.create("http://minio.example.com:9000")),
                Optional.of("us-east-1"), true));
        assertEquals("a request signed with AWS credentials is not sent over plain http to http://minio.example.com:9000: use https "
                + "(plain http only to loopback: 127.0.0.0/8, ::1, localhost)", e.getMessage());
        S3Target.open(URI.create("s3://portal/site"), Optional.of(URI.create("http://127.0.0.1:9000")),
                Optional.of("us-east-1"), true).close();
        S3Target.open(URI.create("s3://portal/site"), Optional.of(URI.create("https://minio.example.com")),
                Optional.of("us-east-1"), true).close();
    }

    @Test
    void aFailedPublishShowsNoCredential() {
        // Loopback port 1: nothing listens, the connection is refused at once.
        IOException e = assertThrows(IOException.class, () -> PublishTargets.open(
                "git:http://user:p@ss-SECRET@127.0.0.1:1/acme/site.git?private_token=tok-SECRET#pages",
                PublishTargets.Options.none(), Map.of(PublishTargets.GIT_TOKEN, "s3cret")::get));
        assertFalse(e.getMessage().contains("SECRET") || e.getMessage().contains("s3cret"), e.getMessage());
    }
}
