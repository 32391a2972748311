package dev.paved.yaml;

import dev.paved.diagnostic.Code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Diagnostic;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.diagnostic.SourcePosition;
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
    void treatsDuplicateKeysAsErrorsAndMergeKeysAsPlainKeys() {
        String text = "name: a\nname: b\n<<: {x: 1}\n";
        Diagnostics diagnostics = new Diagnostics();
        YamlDocument doc = YamlReader.read("f.yaml", text, diagnostics).get(0);

        assertEquals("a", doc.root().path("name").asText());
        assertTrue(doc.root().has("<<"), "YAML 1.2 as Backstage reads it: no merge keys");
        assertEquals(List.of(Code.YAML_DUPLICATE_KEY), diagnostics.sorted().stream().map(Diagnostic::code).toList());
        assertEquals(2, diagnostics.sorted().get(0).line());
    }

    @Test
    void readsYesAsAStringAsYaml12Does() {
        YamlDocument doc = YamlReader.read("f.yaml", "flag: yes\non: true\n", new Diagnostics()).get(0);

        assertTrue(doc.root().path("flag").isTextual());
        assertTrue(doc.root().path("on").isBoolean());
    }
}
