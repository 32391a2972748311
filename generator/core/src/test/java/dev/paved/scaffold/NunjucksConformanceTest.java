package dev.paved.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.paved.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Paved's templater against Nunjucks itself: every case of {@code scaffold/conformance/cases.yaml} and every
 * {@code ${{ }}} expression of the real Template documents in the shared corpus is rendered by both, and the outputs
 * must be equal, except for the differences named in {@link #KNOWN_DIFFERENCES} (each recorded in
 * docs/decisions/0005-template-engine.md).
 *
 * <p>Nunjucks runs in Node from the folder named by {@code PAVED_NUNJUCKS} ({@code npm install --prefix DIR
 * nunjucks@3.2.4}); {@code .ci/run} installs it. Without it the test is skipped.
 */
class NunjucksConformanceTest {

    /** Template text → why Paved prints something else. */
    private static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
            "[{% if parameters.empty %}x{% endif %}]", "'empty' is an operator in Jinjava's expression language",
            "[${{ parameters.empty | default('main') }}]", "'empty' is an operator in Jinjava's expression language",
            "[{% if parameters.noTags %}x{% endif %}]", "an empty list is false in Jinja, true in JavaScript",
            "{% for k, v in parameters.labels %}${{ k }}=${{ v }};{% endfor %}",
            "Jinja iterates an object's pairs with .items()",
            "{% for t in parameters.noTags %}x{% else %}none{% endfor %}", "Jinjava has no for … else");

    @Test
    void rendersAsNunjucksDoes() throws Exception {
        String folder = System.getProperty("paved.nunjucks", "");
        Assumptions.assumeFalse(folder.isBlank(), "PAVED_NUNJUCKS is not set (a folder where `npm install "
                + "nunjucks@3.2.4` was run); the Nunjucks conformance test is skipped");
        Map<String, Object> cases = new YAMLMapper().readValue(
                TestFiles.resource("scaffold/conformance/cases.yaml").toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) cases.get("context");
        Set<String> templates = new LinkedHashSet<>();
        for (Object c : (List<?>) cases.get("cases")) {
            templates.add((String) ((Map<?, ?>) c).get("template"));
        }
        int own = templates.size();
        templates.addAll(corpusExpressions());
        List<String> list = new ArrayList<>(templates);
        List<Map<String, String>> nunjucks = nunjucks(Path.of(folder), context, list);

        NunjucksTemplater templater = new NunjucksTemplater();
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < list.size(); i++) {
            String template = list.get(i);
            String want = nunjucks.get(i).get("output");
            // Nunjucks refuses it, or prints JavaScript's "undefined" for a missing value joined with '+'.
            if (want == null || want.contains("undefined") || KNOWN_DIFFERENCES.containsKey(template)) {
                continue;
            }
            compared++;
            String got;
            try {
                got = templater.render(template, context);
            } catch (TemplateException e) {
                got = "error: " + e.getMessage();
            }
            if (!want.equals(got)) {
                differences.add(template + "\n    Nunjucks: " + want + "\n    Paved:    " + got);
            }
        }
        // Beyond the own cases, the shared corpus's expressions are compared when ../shared is there.
        boolean corpus = Files.isDirectory(TestFiles.projectRoot().resolveSibling("shared").resolve("corpus/catalog"));
        assertTrue(corpus ? compared > own : compared >= own - KNOWN_DIFFERENCES.size(), "compared " + compared);
        assertEquals(List.of(), differences, "outputs that differ from Nunjucks' own");
        for (String known : KNOWN_DIFFERENCES.keySet()) {
            assertTrue(templates.contains(known), "a known difference that is not a case: " + known);
        }
    }

    /** Every distinct ${{ }} expression of the corpus' Template documents (none when the corpus is absent). */
    private static Set<String> corpusExpressions() throws IOException {
        Path corpus = TestFiles.projectRoot().resolveSibling("shared").resolve("corpus/catalog");
        Set<String> out = new LinkedHashSet<>();
        if (!Files.isDirectory(corpus)) {
            return out;
        }
        Pattern expression = Pattern.compile("\\$\\{\\{.*?}}");
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                if (text.contains("kind: Template")) {
                    Matcher m = expression.matcher(text);
                    while (m.find()) {
                        out.add(m.group());
                    }
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> nunjucks(Path folder, Map<String, Object> context, List<String> templates)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path oracle = TestFiles.resource("scaffold/conformance/nunjucks-oracle.mjs");
        Process node = new ProcessBuilder("node", oracle.toString(), folder.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = node.getOutputStream()) {
            json.writeValue(in, Map.of("context", context, "templates", templates));
        }
        byte[] out = node.getInputStream().readAllBytes();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not finish");
        assertEquals(0, node.exitValue(), "node " + oracle + " failed: is nunjucks installed in " + folder + "?");
        return json.readValue(out, List.class);
    }
}
