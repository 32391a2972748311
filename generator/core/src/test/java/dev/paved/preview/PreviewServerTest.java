package dev.paved.preview;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview answers the browser of the person who started it, and no page of another site: a request must name
 * the loopback in its {@code Host} header (a DNS rebinding attack names the attacker's domain).
 */
class PreviewServerTest {

    /** One request as a browser sends it, with the Host header given (java.net.http does not let one set it). */
    private static String get(PreviewServer server, String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.uri().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /index.html HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void onlyRequestsNamingTheLoopbackAreAnswered(@TempDir Path site) throws IOException {
        Files.writeString(site.resolve("index.html"), "<h1>The portal</h1>");
        try (PreviewServer server = PreviewServer.start(site, 0)) {
            int port = server.uri().getPort();
            for (String host : new String[] {"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port,
                    "LOCALHOST:" + port, "localhost"}) {
                String answer = get(server, host);
                assertTrue(answer.startsWith("HTTP/1.1 200 "), host + ": " + answer);
                assertTrue(answer.endsWith("<h1>The portal</h1>"), host + ": " + answer);
            }
            for (String host : new String[] {"evil.example", "evil.example:" + port, "localhost.evil.example:" + port,
                    "127.0.0.1.nip.io:" + port, "localhost:" + port + "@evil.example"}) {
                String answer = get(server, host);
                assertTrue(answer.startsWith("HTTP/1.1 421 "), host + ": " + answer);
                assertTrue(answer.endsWith("Paved's preview answers only at http://127.0.0.1:" + port
                        + "/ and http://localhost:" + port + "/\n"), host + ": " + answer);
            }
        }
    }

    @Test
    void theHostHeaderIsReadAsAHostAndAPort() {
        assertTrue(PreviewServer.isLoopback("localhost:8000"));
        assertTrue(PreviewServer.isLoopback("[::1]"));
        assertFalse(PreviewServer.isLoopback(null), "HTTP/1.0 without Host");
        assertFalse(PreviewServer.isLoopback("localhost:80:80"));
        assertFalse(PreviewServer.isLoopback("[::1]x"));
        assertFalse(PreviewServer.isLoopback(""));
    }
}
