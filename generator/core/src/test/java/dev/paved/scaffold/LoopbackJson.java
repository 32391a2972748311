package dev.paved.scaffold;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** How the loopback stand-ins for hosts' REST APIs answer: a JSON body with its status. */
final class LoopbackJson {

    private LoopbackJson() {
    }

    /** Answers {@code x} with {@code status} and {@code body} as {@code application/json}. */
    static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
