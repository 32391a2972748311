package dev.paved.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rundeck:job:execute} (the community Rundeck scaffolder module): runs a Rundeck job through Rundeck's REST
 * API ({@code POST /api/41/job/{id}/run} with its {@code options}), and with {@code waitForJob} follows the
 * execution ({@code GET /api/41/execution/{id}}) until it ends or {@code timeout} seconds pass (at most
 * {@link #MAX_WAIT}), then reads its log ({@code …/output}). Outputs {@code executionId}, {@code status},
 * {@code executionUrl} and {@code logs}. Rundeck is the portal's ({@code services: rundeck:} of paved.yaml, or the
 * app-config's {@code rundeck.url}/{@code apiToken}); its token goes as {@code X-Rundeck-Auth-Token} to its URL only.
 * An execution that fails, is aborted or times out stops the run.
 */
final class RundeckActions {

    static final String API = "/api/41";
    static final Duration MAX_WAIT = Duration.ofMinutes(10);
    private static final TokenHttp.Header TOKEN = new TokenHttp.Header("X-Rundeck-Auth-Token", "");
    private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");
    private static final List<String> FAILED = List.of("failed", "aborted", "timedout", "failed-with-retry");

    private RundeckActions() {
    }

    /** rundeck:job:execute — {@code jobId}, {@code projectName}, {@code parameters}, {@code waitForJob}, {@code timeout}. */
    static Map<String, Object> execute(StepRun run, Map<String, Object> input) throws IOException {
        String label = run.step().label();
        String job = run.required(input, "jobId");
        if (!job.matches("[A-Za-z0-9._-]+")) {
            throw new TemplateException(label + ": input 'jobId' is '" + job + "', not a Rundeck job id");
        }
        String project = StepRun.text(input, "projectName", "");
        Map<String, Object> options = new LinkedHashMap<>();
        if (input.get("parameters") instanceof Map<?, ?> parameters) {
            parameters.forEach((k, v) -> options.put(String.valueOf(k), v == null ? "" : String.valueOf(
                    JsValues.unwrap(v))));
        } else if (input.get("parameters") != null) {
            throw new TemplateException(label + ": input 'parameters' must be an object (option: value)");
        }
        boolean wait = StepRun.flag(input, "waitForJob");
        Duration timeout = timeout(label, input);
        String what = "the Rundeck job " + job + (project.isEmpty() ? "" : " of " + project);
        if (run.dryRun()) {
            String where = ServiceApi.configured(run, "rundeck").map(s -> Redact.url(s.url()) + API + "/job/" + job
                    + "/run").orElse("Rundeck (none is configured: a run would stop here)");
            run.log("  would run " + what + " with options " + options.keySet() + (wait ? " and wait for it" : "")
                    + " (POST " + where + ")");
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("executionId", "(dry run)");
            output.put("status", "(dry run)");
            output.put("executionUrl", "(dry run)");
            output.put("logs", "");
            return output;
        }
        ServiceApi api = ServiceApi.of(run, "rundeck", "Rundeck", TOKEN, HEADERS);
        HttpResponse<String> started = api.send("POST", API + "/job/" + enc(job) + "/run", Map.of("options", options));
        if (started.statusCode() != 200) {
            throw api.error("running " + what, started, message(started));
        }
        JsonNode execution = ServiceApi.json(started);
        String id = execution.path("id").asText("");
        if (!id.matches("\\d+")) {
            throw new TemplateException(label + ": Rundeck answered the run of " + what + " without an execution id");
        }
        run.log("  started execution " + id + " of " + what);
        String status = execution.path("status").asText("running");
        String logs = "";
        if (wait) {
            Instant until = Instant.now().plus(timeout);
            while (status.equals("running") || status.equals("scheduled") || status.equals("queued")) {
                if (Instant.now().isAfter(until)) {
                    throw new TemplateException(label + ": execution " + id + " of " + what + " was still " + status
                            + " after " + timeout.toSeconds() + " s (timeout)");
                }
                pause();
                HttpResponse<String> now = api.send("GET", API + "/execution/" + id, null);
                if (now.statusCode() != 200) {
                    throw api.error("following execution " + id, now, message(now));
                }
                execution = ServiceApi.json(now);
                status = execution.path("status").asText("");
            }
            HttpResponse<String> output = api.send("GET", API + "/execution/" + id + "/output", null);
            if (output.statusCode() == 200) {
                StringBuilder text = new StringBuilder();
                for (JsonNode entry : ServiceApi.json(output).path("entries")) {
                    text.append(text.length() == 0 ? "" : "\n").append(entry.path("log").asText(""));
                }
                logs = text.toString();
            }
            run.log("  execution " + id + " ended: " + status);
            if (FAILED.contains(status)) {
                throw new TemplateException(label + ": execution " + id + " of " + what + " ended " + status
                        + (logs.isEmpty() ? "" : "; its log ends: " + tail(logs)));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("executionId", id);
        out.put("status", status);
        out.put("executionUrl", execution.path("permalink").asText(execution.path("href").asText("")));
        out.put("logs", logs);
        return out;
    }

    private static Duration timeout(String label, Map<String, Object> input) {
        Object t = input.get("timeout");
        if (t == null) {
            return Duration.ofMinutes(5);
        }
        try {
            long seconds = (long) Double.parseDouble(String.valueOf(t));
            if (seconds <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(Math.min(seconds, MAX_WAIT.toSeconds()));
        } catch (NumberFormatException e) {
            throw new TemplateException(label + ": input 'timeout' is '" + t + "', not a number of seconds");
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String tail(String logs) {
        String[] lines = logs.split("\n");
        return String.join(" / ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }

    /** Rundeck's error: {@code message}. */
    private static String message(HttpResponse<String> response) {
        return ServiceApi.json(response).path("message").asText("");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
