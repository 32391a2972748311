package dev.paved.yaml;

import dev.paved.diagnostic.Code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.Severity;
import dev.paved.diagnostic.SourcePosition;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    @Test
    void remembersWhereEveryValueIs() {
        String text = """
                kind: Component
                metadata:
                  name: a
                spec:
                  dependsOn:
                    - resource:db
                    - component:b
                """;
        List<YamlDocument> docs = YamlReader.read("f.yaml", text, new Diagnostics());

        assertEquals(1, docs.size());
        YamlDocument doc = docs.get(0);
        assertEquals(new SourcePosition("f.yaml", 3, 9), doc.at("/metadata/name"));
        assertEquals(new SourcePosition("f.yaml", 7, 7), doc.at("/spec/dependsOn/1"));
        // A pointer with no value of its own falls back to the closest enclosing value.
        assertEquals(doc.at("/spec/dependsOn"), doc.at("/spec/dependsOn/9"));
    }

    @Test
    void readsEveryDocumentAndSkipsEmptyOnes() {
        String text = "a: 1\n---\n---\nb: 2\n";
        List<YamlDocument> docs = YamlReader.read("f.yaml", text, new Diagnostics());

        assertEquals(2, docs.size());
        assertEquals(4, docs.get(1).start().line());
    }

    @Test
    void keepsTheDocumentsBeforeASyntaxErrorAndReportsItsLine() {
        String text = "a: 1\n---\nb: \"unterminated\nc: 3\n";
        Diagnostics diagnostics = new Diagnostics();
        List<YamlDocument> docs = YamlReader.read("f.yaml", text, diagnostics);

        assertEquals(1, docs.size());
        Diagnostic error = diagnostics.sorted().get(0);
        assertEquals(Code.YAML_SYNTAX, error.code());
        assertEquals(3, error.line());
        assertTrue(error.message().contains("quoted scalar"), error.message());
    }

    @Test
    void rejectsADocumentWithDuplicateKeysAndPointsAtTheSecond() {
        String text = "name: a\nname: b\n---\nother: 1\n";
        Diagnostics diagnostics = new Diagnostics();
        List<YamlDocument> docs = YamlReader.read("f.yaml", text, diagnostics);

        assertEquals(1, docs.size(), "Backstage's parser fails the whole document");
        assertEquals(1, docs.get(0).root().path("other").asInt());
        assertEquals(List.of(Code.YAML_DUPLICATE_KEY), diagnostics.sorted().stream().map(Diagnostic::code).toList());
        assertEquals(2, diagnostics.sorted().get(0).line());
    }

    @Test
    void mergeKeysArePlainKeys() {
        YamlDocument doc = YamlReader.read("f.yaml", "base: &b {x: 1}\n<<: *b\n", new Diagnostics()).get(0);
        assertTrue(doc.root().has("<<"), "YAML 1.2 as Backstage reads it: no merge keys");
        assertEquals(1, doc.root().path("<<").path("x").asInt(), "the alias itself is resolved");
    }

    @Test
    void resolvesAliasesAndRejectsUnknownOnes() {
        Diagnostics diagnostics = new Diagnostics();
        List<YamlDocument> docs = YamlReader.read("f.yaml",
                "owner: &o team-x\nsystem: *o\ntags: &t [a, b]\nmore: *t\n---\nbad: *nowhere\n", diagnostics);

        assertEquals(1, docs.size());
        assertEquals("team-x", docs.get(0).root().path("system").asText());
        assertEquals(2, docs.get(0).root().path("more").size());
        assertEquals(6, diagnostics.sorted().get(0).line());
        assertTrue(diagnostics.sorted().get(0).message().contains("unknown alias *nowhere"));
    }

    @Test
    void refusesABillionLaughs() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [").append(("*" + prev + ", ").repeat(9))
                    .append('*').append(prev).append("]\n");
        }
        Diagnostics diagnostics = new Diagnostics();
        long start = System.nanoTime();
        List<YamlDocument> docs = YamlReader.read("bomb.yaml", yaml.toString(), diagnostics);

        assertEquals(List.of(), docs);
        assertTrue(diagnostics.sorted().get(0).message().contains("refusing to expand"));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "bounded work, not 10^10 nodes");
    }

    @Test
    void readsYaml12SpecialFloats() {
        YamlDocument doc = YamlReader.read("f.yaml", "a: .inf\nb: -.Inf\nc: .nan\nd: 1.5\n", new Diagnostics())
                .get(0);
        assertTrue(Double.isInfinite(doc.root().path("a").asDouble()));
        assertTrue(Double.isNaN(doc.root().path("c").asDouble()));
        assertEquals(1.5, doc.root().path("d").asDouble());
    }

    @Test
    void readsYesAsAStringAsYaml12Does() {
        YamlDocument doc = YamlReader.read("f.yaml", "flag: yes\non: true\n", new Diagnostics()).get(0);

        assertTrue(doc.root().path("flag").isTextual());
        assertTrue(doc.root().path("on").isBoolean());
    }

    @Test
    void aNumberBeyondADecimalsRangeIsReadAsJavaScriptReadsIt() {
        List<YamlDocument> docs = YamlReader.read("f.yaml", "big: 1e9999999999\nsmall: 1e-9999999999\n",
                new Diagnostics());
        assertEquals(Double.POSITIVE_INFINITY, docs.get(0).root().path("big").doubleValue());
        assertEquals(0.0, docs.get(0).root().path("small").doubleValue());
    }

    @Test
    void refusedAliasesAreOneProblemHoweverManyTheyAre() {
        // issue 15, item 6: a count of refused expansions that wrapped below zero let every later alias expand.
        StringBuilder text = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        String previous = "a";
        for (String level : List.of("b", "c", "d", "e")) {
            text.append(level).append(": &").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(10, "*" + previous))).append("]\n");
            previous = level;
        }
        text.append("f: [").append(String.join(", ", Collections.nCopies(30_000, "*e"))).append("]\n");
        Diagnostics diagnostics = new Diagnostics();

        assertEquals(List.of(), YamlReader.read("laughs.yaml", text.toString(), diagnostics));
        assertEquals(1, diagnostics.sorted().stream().filter(d -> d.message().contains("refusing to expand"))
                .count(), "one problem, not one per alias");
    }

    @Test
    void everyDuplicateKeyIsReportedAndTheDocumentRejected() {
        // issue 15, item 11: the positions were copied for each duplicate (quadratic: 60,000 took minutes).
        StringBuilder text = new StringBuilder("k: first\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("k: again\n");
        }
        Diagnostics diagnostics = new Diagnostics();
        assertEquals(List.of(), YamlReader.read("dup.yaml", text.toString(), diagnostics));
        assertEquals(20_000, diagnostics.count(Severity.ERROR), "every one is counted");
        assertEquals(Diagnostics.PER_FILE, diagnostics.sorted().stream()
                .filter(d -> d.code() == Code.YAML_DUPLICATE_KEY).count(), "the first ones are listed");
        assertEquals(1, diagnostics.sorted().stream().filter(d -> d.code() == Code.MORE_PROBLEMS).count(),
                "and the rest summed up");
    }

    @Test
    void mkdocsConfigurationsKeepPythonTagsAndOthersDoNot() {
        String text = """
                markdown_extensions:
                  - pymdownx.emoji:
                      emoji_index: !!python/name:material.extensions.emoji.twemoji
                      emoji_generator: !!python/name:material.extensions.emoji.to_svg ''
                """;
        YamlDocument mkdocs = YamlReader.read("mkdocs.yml", text, new Diagnostics(), true).get(0);
        assertEquals("!!python/name:material.extensions.emoji.twemoji",
                mkdocs.root().at("/markdown_extensions/0/pymdownx.emoji/emoji_index").asText());
        assertEquals("!!python/name:material.extensions.emoji.to_svg",
                mkdocs.root().at("/markdown_extensions/0/pymdownx.emoji/emoji_generator").asText());
        YamlDocument plain = YamlReader.read("f.yaml", text, new Diagnostics()).get(0);
        assertEquals("", plain.root().at("/markdown_extensions/0/pymdownx.emoji/emoji_index").asText());
    }
}
