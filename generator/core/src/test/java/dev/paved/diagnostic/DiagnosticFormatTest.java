package dev.paved.diagnostic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The five output formats of {@code paved validate}, on the same three diagnostics. */
class DiagnosticFormatTest {

    @TempDir
    static Path dir;

    private static List<Diagnostic> diagnostics;
    private static String file;

    @BeforeAll
    static void diagnostics() throws Exception {
        Path catalog = Files.writeString(dir.resolve("catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: svc
                spec:
                  type: service
                  lifecycle: production
                  owner: team-x
                """);
        file = catalog.toString();
        diagnostics = List.of(
                Diagnostic.warning(new SourcePosition(file, 8, 10), Code.DANGLING_REF,
                        "spec.owner refers to group:team-x, which is not in the catalog")
                        .withHint("did you mean group:default/team-y?"),
                Diagnostic.error(new SourcePosition(file, 4, 9), Code.INVALID_NAME, "a \"bad\" name, with <markup> & 100%"),
                Diagnostic.error(SourcePosition.of(""), Code.MISSING_CATALOG_FILE, "No catalog file here"));
    }

    @Test
    void textShowsTheLineWithACaretAndTheHint() {
        String text = DiagnosticFormat.TEXT.format(diagnostics, List.of(file));
        assertTrue(text.contains(file + ":8:10: warning PAVED-W001: spec.owner refers to group:team-x"), text);
        assertTrue(text.contains(" 8 |   owner: team-x\n   |          ^\n"), text);
        assertTrue(text.contains("= hint: did you mean group:default/team-y?"), text);
    }

    @Test
    void githubAnnotatesTheDiffWithEscapedProperties() {
        String github = DiagnosticFormat.GITHUB.format(diagnostics, List.of(file));
        List<String> lines = github.lines().toList();
        assertEquals(3, lines.size());
        assertEquals("::warning file=" + file.replace(":", "%3A").replace(",", "%2C")
                + ",line=8,col=10,title=PAVED-W001 dangling-ref::spec.owner refers to group:team-x, which is not in "
                + "the catalog%0Adid you mean group:default/team-y?", lines.get(0));
        assertTrue(lines.get(1).contains("with <markup> & 100%25"), lines.get(1));
        assertTrue(lines.get(2).startsWith("::error title=PAVED-E015 missing-catalog-file::"), lines.get(2));
    }

    @Test
    void sarifIsValidAgainstTheSarif210Schema() throws Exception {
        String sarif = DiagnosticFormat.SARIF.format(diagnostics, List.of(file));
        JsonNode log = new ObjectMapper().readTree(sarif);
        assertEquals("2.1.0", log.path("version").asText());
        JsonNode results = log.path("runs").path(0).path("results");
        assertEquals(3, results.size());
        assertEquals("warning", results.path(0).path("level").asText());
        assertEquals(8, results.path(0).at("/locations/0/physicalLocation/region/startLine").asInt());
        assertEquals("PAVED-W001", log.at("/runs/0/tool/driver/rules")
                .get(results.path(0).path("ruleIndex").asInt()).path("id").asText());

        String schemaPath = System.getProperty("paved.sarifSchema", "");
        if (schemaPath.isEmpty() || schemaPath.startsWith("${")) {
            Assumptions.abort("Set PAVED_SARIF_SCHEMA to the SARIF 2.1.0 JSON schema (.ci/run fetches it) to check "
                    + "the output against it");
        }
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(
                new ByteArrayInputStream(Files.readAllBytes(Path.of(schemaPath))), InputFormat.JSON);
        List<Error> errors = schema.validate(log);
        assertEquals(List.of(), errors.stream().map(Object::toString).toList());

        // And the check has teeth: a result without a message is refused.
        ((com.fasterxml.jackson.databind.node.ObjectNode) results.path(0)).remove("message");
        assertTrue(!schema.validate(log).isEmpty(), "the schema catches a broken log");
    }

    @Test
    void junitHasOneCasePerFileAndFailsTheFilesWithErrors() throws Exception {
        String xml = DiagnosticFormat.JUNIT.format(diagnostics, List.of(file, "other.yaml"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, doc.getElementsByTagName("testcase").getLength(), "two files and one file-less problem");
        assertEquals("2", doc.getDocumentElement().getAttribute("failures"));
        assertEquals(2, doc.getElementsByTagName("failure").getLength());
        assertTrue(xml.contains("with &lt;markup&gt; &amp; 100%"), xml);
        assertTrue(xml.contains("<system-out>"), "warnings are reported without failing");
    }

    @Test
    void jsonListsEveryFieldAndTheCounts() throws Exception {
        JsonNode json = new ObjectMapper().readTree(DiagnosticFormat.JSON.format(diagnostics, List.of(file)));
        assertEquals(2, json.path("errors").asInt());
        assertEquals(1, json.path("warnings").asInt());
        JsonNode first = json.path("diagnostics").path(0);
        assertEquals("PAVED-W001", first.path("code").asText());
        assertEquals("dangling-ref", first.path("name").asText());
        assertEquals(10, first.path("column").asInt());
        assertEquals("did you mean group:default/team-y?", first.path("hint").asText());
    }
}
