package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Diagnostics;
import dev.paved.docs.MarkdownRenderer.Dialect;
import dev.paved.docs.MarkdownRenderer.EmojiIndex;
import dev.paved.yaml.YamlReader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code pymdownx.emoji} (issue 17). Each expectation is what Python-Markdown 3.4 with pymdown-extensions 9.5 writes
 * (TechDocs' {@code emoji_generator: to_svg}; Material's index as {@code mkdocs-oracle/paved_material_emoji.py} gives
 * it), quoted in a comment, with the CDN image as the character it shows: Paved's pages ask no other host.
 */
class EmojiTest {

    private static final Dialect EMOJIONE = Dialect.MKDOCS;
    private static final Dialect TWEMOJI = Dialect.MKDOCS.withEmoji(EmojiIndex.TWEMOJI);
    private static final Dialect MATERIAL = Dialect.MKDOCS.withEmoji(EmojiIndex.MATERIAL);

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void aKnownEmojiIsItsCharacterTitledWithItsShortcode() {
        // <p>I <img alt="😄" class="emojione" src="https://cdnjs.cloudflare.com/…/1f604.svg" title=":smile:" /> you</p>
        assertEquals("<p>I <span class=\"emoji\" title=\":smile:\">😄</span> you</p>\n",
                renderer.render("I :smile: you", EMOJIONE));
    }

    @Test
    void anAliasIsTheEmojiItNamesTitledAsWritten() {
        // <img alt="👍" class="emojione" … title=":thumbsup:" /> and <img alt="👍" class="emojione" … title=":+1:" />
        assertEquals("<p><span class=\"emoji\" title=\":thumbsup:\">👍</span> and "
                + "<span class=\"emoji\" title=\":+1:\">👍</span></p>\n", renderer.render(":thumbsup: and :+1:", EMOJIONE));
    }

    @Test
    void eachIndexHasItsOwnCharacters() {
        // emojione: <img alt="⛳️" … title=":golf:" />; twemoji: <img alt="⛳" … title=":golf:" />
        assertEquals("<p><span class=\"emoji\" title=\":golf:\">\u26f3\ufe0f</span></p>\n",
                renderer.render(":golf:", EMOJIONE));
        assertEquals("<p><span class=\"emoji\" title=\":golf:\">\u26f3</span></p>\n",
                renderer.render(":golf:", TWEMOJI));
        // Only in Twemoji's index: <p>:abacus:</p> with emojione.
        assertEquals("<p>:abacus:</p>\n", renderer.render(":abacus:", EMOJIONE));
        assertEquals("<p><span class=\"emoji\" title=\":abacus:\">\ud83e\uddee</span></p>\n",
                renderer.render(":abacus:", TWEMOJI));
    }

    @Test
    void anUnknownShortcodeIsTextAndItsColonOpensNoOther() {
        // <p>:nope:smile: <img alt="❌" class="emojione" … title=":x:" />smile:</p>
        assertEquals("<p>:nope:smile: <span class=\"emoji\" title=\":x:\">❌</span>smile:</p>\n",
                renderer.render(":nope:smile: :x:smile:", EMOJIONE));
        // <p>12:30:45</p>
        assertEquals("<p>12:30:45</p>\n", renderer.render("12:30:45", EMOJIONE));
    }

    @Test
    void notInCodeUrlsOrHtmlButInLinkTextAndEmphasis() {
        // <p><code>:smile:</code> and <a href="http://x/:smile:"><img alt="😄" … title=":smile:" /></a>
        //    <span title=':smile:'>t</span></p>
        assertEquals("<p><code>:smile:</code> and <a href=\"http://x/:smile:\"><span class=\"emoji\" "
                + "title=\":smile:\">😄</span></a> <span title=\":smile:\">t</span></p>\n",
                renderer.render("`:smile:` and [:smile:](http://x/:smile:) <span title=':smile:'>t</span>", EMOJIONE));
        assertEquals("<pre><code>:smile:\n</code></pre>\n", renderer.render("    :smile:", EMOJIONE));
        // <p><em>a<img alt="☑️" … title=":ballot_box_with_check:" /></em></p>
        assertEquals("<p><em>a<span class=\"emoji\" title=\":ballot_box_with_check:\">\u2611\ufe0f</span></em></p>\n",
                renderer.render("_a:ballot_box_with_check:_", EMOJIONE));
    }

    @Test
    void iconsOnlyWithMaterialsIndex() {
        String md = ":material-check: :octicons-file-code-16: :material-nope:";
        // <p>:material-check: :octicons-file-code-16: :material-nope:</p>
        assertEquals("<p>" + md + "</p>\n", renderer.render(md, EMOJIONE));
        assertEquals("<p>" + md + "</p>\n", renderer.render(md, TWEMOJI));
        // <p><span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M21 7 9
        //    19l-5.5-5.5 1.41-1.41L9 16.17 19.59 5.59 21 7z"/></svg></span> <span class="twemoji"><svg …16 16…>
        //    …</svg></span> :material-nope:</p>
        String html = renderer.render(md, MATERIAL);
        assertTrue(html.startsWith("<p><span class=\"twemoji\"><svg viewBox=\"0 0 24 24\"><path d=\"M21 7 9 19l-5.5"
                + "-5.5 1.41-1.41L9 16.17 19.59 5.59 21 7z\"/></svg></span> <span class=\"twemoji\"><svg viewBox=\"0 0 16 "
                + "16\"><path fill-rule=\"evenodd\" d=\"M4 1.75C4"), html);
        assertTrue(html.endsWith("</svg></span> :material-nope:</p>\n"), html);
        // Emoji stay characters with Material's index.
        assertEquals("<p><span class=\"emoji\" title=\":smile:\">😄</span></p>\n", renderer.render(":smile:", MATERIAL));
    }

    @Test
    void anAuthorsSpanOfTheIconsFormGetsNoIconOutsideMaterialsIndex() {
        String md = "<span class=\"twemoji\" title=\":material-check:\"></span>";
        assertFalse(renderer.render(md, EMOJIONE).contains("<svg"));
    }

    @Test
    void everyIconIsInASetTheParserKnows() {
        for (String name : Emoji.iconNames()) {
            int dash = name.indexOf('-');
            assertTrue(Set.of("material", "octicons", "fontawesome", "logo")
                    .contains(dash < 0 ? name : name.substring(0, dash)), name);
            assertTrue(Emoji.icon(name).startsWith("<svg "), name);
        }
        assertTrue(Emoji.iconNames().size() > 8000, "icons: " + Emoji.iconNames().size());
    }

    @Test
    void theIndexIsReadFromMkdocsYml() {
        assertEquals(EmojiIndex.EMOJIONE, indexOf("site_name: x\n"));
        assertEquals(EmojiIndex.EMOJIONE, indexOf("markdown_extensions:\n  - pymdownx.emoji\n"));
        assertEquals(EmojiIndex.TWEMOJI, indexOf("markdown_extensions:\n  - pymdownx.emoji:\n"
                + "      emoji_index: !!python/name:pymdownx.emoji.twemoji\n"));
        assertEquals(EmojiIndex.MATERIAL, indexOf("markdown_extensions:\n  - pymdownx.emoji:\n"
                + "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                + "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"));
        assertEquals(EmojiIndex.MATERIAL, indexOf("markdown_extensions:\n  - pymdownx.emoji:\n"
                + "      emoji_index: !!python/name:materialx.emoji.twemoji\n"));
    }

    private static EmojiIndex indexOf(String mkdocsYml) {
        return TechDocsBuilder.dialectOf(YamlReader.read("mkdocs.yml", mkdocsYml, new Diagnostics(), true).get(0)
                .root()).emoji();
    }
}
