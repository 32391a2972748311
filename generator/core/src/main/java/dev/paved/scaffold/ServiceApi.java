package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.credential.HostToken;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenHttp;
import dev.paved.credential.TokenRefusedException;
import dev.paved.integrations.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A step's calls to one of the portal's services ({@link Platform#service}): JSON over its REST API, with the token
 * its {@code token} variable holds, sent only to the service's URL's origin, over https (plain http only to
 * loopback), never along a redirect to another origin ({@link TokenHttp}). A missing service or token is an error
 * naming the step and what to configure; the token never appears in a message.
 */
final class ServiceApi {

    private final String label;
    private final Service service;
    private final Optional<HostToken> token;
    private final TokenHttp.Header header;
    private final Map<String, String> headers;
    private final TokenHttp http = new TokenHttp(Duration.ofSeconds(20));

    private ServiceApi(String label, Service service, Optional<HostToken> token, TokenHttp.Header header,
                       Map<String, String> headers) {
        this.label = label;
        this.service = service;
        this.token = token;
        this.header = header;
        this.headers = Map.copyOf(headers);
    }

    /** The configured service of {@code kind}, when there is one. */
    static Optional<Service> configured(StepRun run, String kind) {
        return run.options().platform().service(kind);
    }

    /**
     * The API of the service of {@code kind}; an error naming the step when none is configured or its token variable
     * is not set ({@code name} is how messages name the service, e.g. PagerDuty).
     */
    static ServiceApi of(StepRun run, String kind, String name, TokenHttp.Header header, Map<String, String> headers) {
        String label = run.step().label();
        Service service = configured(run, kind).orElseThrow(() -> new TemplateException(label + ": no " + name
                + " service is configured (services: " + kind + ": {url: …, token: VARIABLE} in paved.yaml)"));
        String variable = service.tokenVariable();
        String secret = variable.isEmpty() ? null : run.options().platform().environment().apply(variable);
        if (secret == null || secret.isEmpty()) {
            throw new TemplateException(label + ": " + name + " needs a token: " + (variable.isEmpty()
                    ? "the " + kind + " service of paved.yaml names no token variable"
                    : "the variable " + variable + " is not set"));
        }
        try {
            return new ServiceApi(label, service, Optional.of(HostToken.of(variable, secret, service.url())), header,
                    headers);
        } catch (TokenRefusedException e) {
            throw new TemplateException(label + ": " + e.getMessage());
        }
    }

    Service service() {
        return service;
    }

    /** Sends {@code body} (JSON; null: none) to {@code path} under the service's URL. */
    HttpResponse<String> send(String method, String path, Object body) throws IOException {
        String url = service.url() + path;
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        } catch (IllegalArgumentException e) {
            throw new TemplateException(label + ": not an API URL: " + Redact.url(url));
        }
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(StructuredText.toJson(body, false)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), token, header);
    }

    /** The body as JSON, or an empty object. */
    static JsonNode json(HttpResponse<String> response) {
        try {
            JsonNode node = StructuredText.JSON.readTree(response.body());
            return node == null ? StructuredText.JSON.createObjectNode() : node;
        } catch (IOException e) {
            return StructuredText.JSON.createObjectNode();
        }
    }

    /** An error for an answer that is not a success: the status, the service's message, and what it likely means. */
    TemplateException error(String what, HttpResponse<String> response, String message) {
        int status = response.statusCode();
        return new TemplateException(label + ": " + what + " answered HTTP " + status
                + (message == null || message.isEmpty() ? "" : ": " + Redact.message(message)) + switch (status) {
                    case 401 -> " (the token in " + service.tokenVariable() + " is missing or invalid)";
                    case 403 -> " (the token in " + service.tokenVariable() + " may not do this)";
                    default -> "";
                });
    }
}
