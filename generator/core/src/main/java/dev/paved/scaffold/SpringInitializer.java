package dev.paved.scaffold;

import dev.paved.credential.Redact;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code terasky:spring-initializer} (TeraSky's): downloads a project from a Spring Initializr
 * ({@code GET {endpoint}/starter.zip?type=…&dependencies=…}, https://start.spring.io unless {@code endpoint} says
 * otherwise) and unpacks it into {@code outputPath} of the output folder, safely ({@link ZipArchive}: no entry out of
 * the folder, no symbolic links, a size cap). Inputs as TeraSky's action names them: {@code type}, {@code language},
 * {@code bootVersion}, {@code groupId}, {@code artifactId}, {@code version}, {@code name}, {@code description},
 * {@code packageName}, {@code packaging}, {@code javaVersion}, {@code dependencies} (a list or comma-separated);
 * empty ones are left to the Initializr's defaults. Outputs {@code projectPath}. No token is sent; redirects are not
 * followed.
 */
final class SpringInitializer {

    static final String DEFAULT_ENDPOINT = "https://start.spring.io";
    /** The largest project download Paved takes. */
    static final int MAX_DOWNLOAD = 64 << 20;
    private static final List<String> PARAMETERS = List.of("type", "language", "bootVersion", "groupId",
            "artifactId", "version", "name", "description", "packageName", "packaging", "javaVersion");

    private SpringInitializer() {
    }

    /** terasky:spring-initializer — see the class. */
    static Map<String, Object> generate(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        String outputPath = StepRun.text(input, "outputPath", ".");
        run.workspace().resolve(outputPath, label + " outputPath");
        String endpoint = StepRun.text(input, "endpoint", DEFAULT_ENDPOINT).replaceAll("/+$", "");
        URI base;
        try {
            base = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new TemplateException(label + ": endpoint '" + Redact.url(endpoint) + "' is not a URL");
        }
        if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null
                || base.getRawUserInfo() != null) {
            throw new TemplateException(label + ": endpoint '" + Redact.url(endpoint) + "' is not an http(s) URL of "
                    + "a Spring Initializr");
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String key : PARAMETERS) {
            String v = StepRun.text(input, key, "");
            if (!v.isBlank()) {
                query.put(key, v);
            }
        }
        String dependencies = dependencies(label, input.get("dependencies"));
        if (!dependencies.isEmpty()) {
            query.put("dependencies", dependencies);
        }
        StringBuilder url = new StringBuilder(endpoint).append("/starter.zip");
        String sep = "?";
        for (Map.Entry<String, String> e : query.entrySet()) {
            url.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(),
                    StandardCharsets.UTF_8).replace("+", "%20"));
            sep = "&";
        }
        String where = outputPath.equals(".") || outputPath.equals("./") ? "the output folder" : outputPath;
        if (run.dryRun()) {
            run.log("  would download " + Redact.url(url.toString()) + " and unpack it into " + where);
            return Map.of("projectPath", outputPath);
        }
        byte[] zip = download(label, url.toString());
        List<ZipArchive.Entry> entries;
        try {
            entries = ZipArchive.read(zip);
        } catch (IOException e) {
            throw new TemplateException(label + ": the project from " + Redact.url(endpoint) + " cannot be unpacked: "
                    + e.getMessage());
        }
        String prefix = outputPath.replace('\\', '/').replaceFirst("^\\./?", "");
        prefix = prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
        for (ZipArchive.Entry entry : entries) {
            run.workspace().write(prefix + entry.path(), entry.content(), entry.executable(), true, label);
        }
        run.log("  unpacked " + entries.size() + " file(s) from " + Redact.url(endpoint) + " into " + where);
        return Map.of("projectPath", outputPath);
    }

    private static String dependencies(String label, Object value) {
        if (value == null) {
            return "";
        }
        List<String> ids = new ArrayList<>();
        Collection<?> items = value instanceof Collection<?> c ? c : List.of(String.valueOf(value).split(","));
        for (Object item : items) {
            String id = String.valueOf(item).trim();
            if (id.isEmpty()) {
                continue;
            }
            if (!id.matches("[A-Za-z0-9._-]+")) {
                throw new TemplateException(label + ": input 'dependencies' holds '" + id + "', not a dependency id "
                        + "of the Initializr (e.g. web, data-jpa)");
            }
            ids.add(id);
        }
        return String.join(",", ids);
    }

    private static byte[] download(String label, String url) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/zip").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new TemplateException(label + ": cannot reach " + Redact.url(url) + ": " + e.getMessage(), e);
        }
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_DOWNLOAD + 1);
            if (response.statusCode() != 200) {
                String text = new String(body, 0, Math.min(body.length, 4000), StandardCharsets.UTF_8);
                String message = "";
                try {
                    message = StructuredText.JSON.readTree(text).path("message").asText("");
                } catch (IOException e) {
                    // not JSON: no message
                }
                throw new TemplateException(label + ": " + Redact.url(url) + " answered HTTP " + response.statusCode()
                        + (message.isEmpty() ? "" : ": " + Redact.message(message))
                        + (response.statusCode() / 100 == 3 ? " (a redirect, which Paved does not follow: give the "
                        + "endpoint it leads to)" : ""));
            }
            if (body.length > MAX_DOWNLOAD) {
                throw new TemplateException(label + ": the project from " + Redact.url(url) + " is larger than "
                        + (MAX_DOWNLOAD >> 20) + " MB");
            }
            return body;
        }
    }
}
