package dev.paved.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file and data actions of Backstage ({@code fs:rename}, {@code fs:delete}, {@code fs:readdir},
 * {@code debug:wait}) and of Roadie's utils module ({@code roadiehq:utils:fs:write|append|parse}, {@code …:merge},
 * {@code …:jsonata} and its transforms, {@code …:serialize:yaml|json}), as the fixture template
 * {@code scaffold/templates/utilities} uses them one after the other.
 */
class UtilityActionsTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    @Test
    void eachActionDoesWhatItsDocumentationSays() throws Exception {
        Path out = dir.resolve("out");
        Scaffolder.Result result = Scaffolder.run(fixture("utilities"), Map.of("name", "parcel"), options(out, false));

        assertEquals("renamed for parcel\n", read(out, "docs/parcel.txt"), "fs:rename");
        assertFalse(Files.exists(out.resolve("old-name.txt")), "fs:rename moves");
        assertFalse(Files.exists(out.resolve("tmp/a.log")) || Files.exists(out.resolve("tmp/b.log")), "fs:delete, glob");
        assertEquals("kept\n", read(out, "notes.log"), "fs:delete deletes only what its globs match");
        assertEquals("plain text", read(out, "notes/parcel.md"), "roadiehq:utils:fs:write");
        assertTrue(read(out, "catalog/all.yaml").endsWith("  targets:\n    - ./systems/parcel.yaml\n"),
                "roadiehq:utils:fs:append: " + read(out, "catalog/all.yaml"));
        assertEquals("""
                {
                  "name" : "parcel",
                  "scripts" : {
                    "build" : "tsc",
                    "test" : "jest"
                  },
                  "keywords" : [ "a", "b", "c" ]
                }
                """, read(out, "config/package.json"), "roadiehq:utils:merge of JSON, mergeArrays appends");
        assertEquals("""
                replicaCount: 3
                image:
                  repository: ghcr.io/acme/parcel
                  tag: 1.2.3
                hosts:
                - two.example.com
                """, read(out, "config/values.yaml"), "roadiehq:utils:merge of YAML: objects deeply, arrays by index");
        assertEquals("""
                image: ghcr.io/acme/parcel:1.2.3
                replicas: 3
                files:
                - package.json
                - values.yaml
                """, read(out, "summary.yaml"), "fs:readdir, fs:parse, jsonata, serialize:yaml");
        assertEquals("{\"image\":\"ghcr.io/acme/parcel:1.2.3\",\"replicas\":3,\"files\":[\"package.json\","
                + "\"values.yaml\"]}", read(out, "summary.json"), "serialize:json");
        assertTrue(read(out, "config/values-extra.yaml").contains("- two.example.com\n- three.example.com\n"),
                "jsonata:yaml:transform gives YAML: " + read(out, "config/values-extra.yaml"));
        assertTrue(log.contains("  waiting 5 ms"), log.toString());
        assertFalse(result.files().contains("old-name.txt"), "renamed files are listed by their new name");
        assertTrue(result.files().contains("docs/parcel.txt"), result.files().toString());
    }

    @Test
    void aDryRunPlansAgainstTheFilesItWouldHaveWrittenAndWaitsForNothing() throws Exception {
        Path real = dir.resolve("real");
        List<String> written = Scaffolder.run(fixture("utilities"), Map.of("name", "parcel"), options(real, false))
                .files();
        log.clear();
        Path out = dir.resolve("dry");
        Scaffolder.Result planned = Scaffolder.run(fixture("utilities"), Map.of("name", "parcel"), options(out, true));
        assertFalse(Files.exists(out), "nothing written");
        assertEquals(written.stream().sorted().toList(), planned.files().stream().sorted().toList());
        assertTrue(log.contains("  would wait 5 ms"), log.toString());
        assertTrue(log.contains("  would rename old-name.txt to docs/parcel.txt"), log.toString());
        assertTrue(log.contains("  would delete tmp/a.log, tmp/b.log"), log.toString());
    }

    @Test
    void debugWaitIsBoundedToTenMinutes() throws Exception {
        SoftwareTemplate template = inline("wait", """
                - id: wait
                  action: debug:wait
                  input: {minutes: 10, seconds: 1}
                """);
        TemplateException e = assertThrows(TemplateException.class,
                () -> Scaffolder.run(template, Map.of(), options(dir.resolve("out"), true)));
        assertEquals("step 'wait' (debug:wait): waiting 601 s is longer than the longest wait, 10 minutes",
                e.getMessage());
        long start = System.nanoTime();
        Scaffolder.run(inline("wait", """
                - id: wait
                  action: debug:wait
                  input: {minutes: 10}
                """), Map.of(), options(dir.resolve("out"), true));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "a dry run does not wait");
    }

    @Test
    void noFileActionReachesOutsideTheOutputFolder() throws Exception {
        Path secret = dir.resolve("secret.yaml");
        Files.writeString(secret, "secret: true\n");
        for (String action : List.of("rename-from", "rename-to", "delete", "write", "append", "parse", "merge",
                "readdir", "transform")) {
            for (String path : List.of("../secret.yaml", secret.toString(), ".git/hooks/pre-commit")) {
                for (boolean dryRun : List.of(true, false)) {
                    Path out = dir.resolve("out-" + action + "-" + dryRun + "-" + Math.abs(path.hashCode()));
                    TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(
                            fixture("utilities-escape"), Map.of("action", action, "path", path),
                            options(out, dryRun)), action + " " + path);
                    assertTrue(e.getMessage().startsWith("step '" + action + "' ("), e.getMessage());
                    assertTrue(e.getMessage().matches("(?s).*(leads out of the output folder|is an absolute path"
                            + "|inside a \\.git folder).*"), e.getMessage());
                }
            }
        }
        assertEquals("secret: true\n", Files.readString(secret), "untouched");
    }

    @Test
    void aSymbolicLinkInTheOutputFolderCarriesNoActionOutside() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("values.yaml"), "a: 1\n");
        for (String action : List.of("merge", "append", "parse", "delete", "rename-from")) {
            Path out = Files.createDirectories(dir.resolve("out-" + action));
            Files.createSymbolicLink(out.resolve("link"), outside);
            TemplateException e = assertThrows(TemplateException.class, () -> Scaffolder.run(
                    fixture("utilities-escape"), Map.of("action", action, "path", "link/values.yaml"),
                    options(out, false)), action);
            assertTrue(e.getMessage().contains("goes through the symbolic link link, which points out of the output "
                    + "folder"), e.getMessage());
        }
        assertEquals("a: 1\n", Files.readString(outside.resolve("values.yaml")));
    }

    @Test
    void valuesAreWrittenAsTextNeverRenderedOrRunAgain() throws Exception {
        String hostile = "<script>alert(1)</script> ${{ parameters.name }} {{ 7*7 }} $eval('1+1')";
        Path out = dir.resolve("out");
        Scaffolder.run(fixture("utilities"), Map.of("name", "parcel", "note", hostile), options(out, false));
        assertEquals(hostile, read(out, "notes/parcel.md"));

        SoftwareTemplate template = inline("data", """
                - id: shape
                  action: roadiehq:utils:jsonata
                  input:
                    data: {text: "${{ parameters.text }}"}
                    expression: text
                - id: save
                  action: roadiehq:utils:fs:write
                  input:
                    path: out.txt
                    content: ${{ steps.shape.output.result }}
                """);
        Scaffolder.run(template, Map.of("text", hostile), options(dir.resolve("data"), false));
        assertEquals(hostile, read(dir.resolve("data"), "out.txt"), "a JSONata string is data, not an expression");
    }

    @Test
    void errorsNameTheStepAndWhatIsWrong() throws Exception {
        assertEquals("step 'shape' (roadiehq:utils:jsonata): the expression is not JSONata: ",
                failure("""
                        - id: shape
                          action: roadiehq:utils:jsonata
                          input: {data: {}, expression: "{ 'a': "}
                        """).replaceFirst("JSONata: .*", "JSONata: "));
        assertTrue(failure("""
                - id: parse
                  action: roadiehq:utils:fs:parse
                  input: {path: missing.yaml, parser: yaml}
                """).startsWith("step 'parse' (roadiehq:utils:fs:parse): 'missing.yaml' is not a file of the output "
                + "folder"));
        assertTrue(failure("""
                - id: merge
                  action: roadiehq:utils:merge
                  input: {path: config.toml, content: {a: 1}}
                """).contains("'config.toml' is neither .json nor .yaml/.yml"));
        assertTrue(failure("""
                - id: rename
                  action: fs:rename
                  input: {files: [{from: a.txt}]}
                """).startsWith("step 'rename' (fs:rename): each of files needs from and to"));
        assertTrue(failure("""
                - id: write
                  action: roadiehq:utils:fs:write
                  input: {path: a.txt, content: one}
                - id: write-b
                  action: roadiehq:utils:fs:write
                  input: {path: b.txt, content: two}
                - id: rename
                  action: fs:rename
                  input: {files: [{from: a.txt, to: b.txt}]}
                """).equals("step 'rename' (fs:rename): 'b.txt' already exists (set overwrite: true to replace it)"));
        assertEquals("step 'list' (fs:readdir): 'nowhere' is not a folder of the output folder", failure("""
                - id: list
                  action: fs:readdir
                  input: {paths: [nowhere]}
                """));
    }

    private String failure(String steps) throws IOException {
        SoftwareTemplate template = inline("failing", steps);
        Path out = dir.resolve("failing-" + System.nanoTime());
        return assertThrows(TemplateException.class, () -> Scaffolder.run(template, Map.of(), options(out, false)))
                .getMessage();
    }

    /** A template of a few steps, for the cases too small for a fixture of their own. */
    private SoftwareTemplate inline(String name, String steps) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("inline-" + name + "-" + System.nanoTime()));
        Files.writeString(folder.resolve("template.yaml"), """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: {name: %s}
                spec:
                  type: service
                  parameters:
                    - properties:
                        text: {type: string}
                  steps:
                %s""".formatted(name, steps.indent(4)));
        return SoftwareTemplate.read(folder.resolve("template.yaml"));
    }

    private Scaffolder.Options options(Path out, boolean dryRun) {
        return new Scaffolder.Options(out, dryRun, Map.of(), null, Map.of(), null, log::add);
    }

    private SoftwareTemplate fixture(String name) throws IOException {
        return TemplateFixtures.read(name, dir);
    }

    private static String read(Path out, String file) throws IOException {
        return Files.readString(out.resolve(file));
    }
}
