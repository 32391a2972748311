package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.diagnostic.Diagnostics;
import dev.paved.docs.MarkdownRenderer.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pymdownx.arithmatex} (issue 17): in a doc set whose {@code mkdocs.yml} lists it, TeX math is recognised as
 * pymdown-extensions 9.5 recognises it and written in arithmatex's generic form, which the theme's KaTeX draws.
 *
 * <p>Each expected page was checked against the real tool: Python-Markdown 3.4.1 with pymdown-extensions 9.5
 * ({@code markdown.markdown(src, extensions=["pymdownx.arithmatex"], extension_configs={"pymdownx.arithmatex":
 * {"generic": True}})}, with {@code admonition} where the page has one) writes the same HTML, but for the
 * {@code class="table"} and heading anchors that Paved always adds.
 */
class ArithmatexTest {

    private static final Dialect MATH = Dialect.MKDOCS.withMath(MathSyntax.DEFAULT);

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String render(String markdown) {
        return renderer.render(markdown, MATH).strip();
    }

    @Test
    void inlineMathIsKeptAsTexWithNoMarkdownInside() {
        assertEquals("<p>Inline <span class=\"arithmatex\">\\(a_1 + b_2\\)</span> and "
                        + "<span class=\"arithmatex\">\\(x*y*z\\)</span> here.</p>",
                render("Inline $a_1 + b_2$ and \\(x*y*z\\) here."));
        // A line break inside is kept, indent and all.
        assertEquals("<p>para <span class=\"arithmatex\">\\(x\n  y\\)</span> end</p>", render("para $x\n  y$ end"));
    }

    @Test
    void dollarsWithSpaceJustInsideAreText() {
        assertEquals("<p>$5 and $10; $ x$ and $x $</p>", render("$5 and $10; $ x$ and $x $"));
    }

    @Test
    void codeIsNeverMath() {
        assertEquals("<p>Code <code>$x$</code> and <span class=\"arithmatex\">\\(x\\)</span> after it.</p>\n"
                        + "<pre><code>$y$\n</code></pre>\n<pre><code>$z$\n</code></pre>",
                render("Code `$x$` and $x$ after it.\n\n```\n$y$\n```\n\n    $z$"));
    }

    @Test
    void blocksOfTheirOwnAreDisplayMath() {
        assertEquals("<div class=\"arithmatex\">\\[\nE = mc^2\n\\]</div>", render("$$\nE = mc^2\n$$"));
        assertEquals("<div class=\"arithmatex\">\\[\n\\sum_{i=1}^n i\n\\]</div>", render("\\[\n\\sum_{i=1}^n i\n\\]"));
        // An environment is kept whole inside the brackets.
        assertEquals("<div class=\"arithmatex\">\\[\\begin{align}\na &amp;= b + c \\\\\n  &amp;= d\n\\end{align}\\]</div>",
                render("\\begin{align}\na &= b + c \\\\\n  &= d\n\\end{align}"));
    }

    @Test
    void aBlockIsMathOnlyAsAWhole() {
        // Python-Markdown's blocks are the text between blank lines: with a line of text before or after, it is text.
        assertEquals("<p>Text\n$$\nx\n$$</p>", render("Text\n$$\nx\n$$"));
        assertEquals("<p>$$\nx\n$$\nwhere x</p>", render("$$\nx\n$$\nwhere x"));
    }

    @Test
    void mathInListsQuotesAndAdmonitions() {
        assertEquals("<ul>\n<li>\n<p>item</p>\n<div class=\"arithmatex\">\\[\nx^2\n\\]</div>\n</li>\n</ul>\n"
                        + "<blockquote>\n<div class=\"arithmatex\">\\[\ny\n\\]</div>\n</blockquote>",
                render("- item\n\n    $$\n    x^2\n    $$\n\n> \\[\n> y\n> \\]"));
        assertEquals("<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n"
                        + "<div class=\"arithmatex\">\\[\na_1\n\\]</div>\n"
                        + "<p>and <span class=\"arithmatex\">\\(b_2\\)</span></p>\n</div>",
                render("!!! note\n    $$\n    a_1\n    $$\n\n    and $b_2$"));
        assertEquals("<table class=\"table\">\n<thead>\n<tr><th>a</th><th>b</th></tr>\n</thead>\n<tbody>\n"
                        + "<tr><td><span class=\"arithmatex\">\\(x_1\\)</span></td>"
                        + "<td><span class=\"arithmatex\">\\(y_2\\)</span></td></tr>\n</tbody>\n</table>",
                render("| a | b |\n|---|---|\n| $x_1$ | $y_2$ |"));
    }

    @Test
    void markupInsideMathIsEscapedText() {
        assertEquals("<p><span class=\"arithmatex\">\\(&lt;script&gt;alert(1)&lt;/script&gt;\\)</span> and "
                        + "<span class=\"arithmatex\">\\(a&lt;b\\)</span></p>",
                render("$<script>alert(1)</script>$ and \\(a<b\\)"));
        // As Python-Markdown, an entity is kept (and so reads as its character).
        assertEquals("<div class=\"arithmatex\">\\[\na &lt; b &amp; c &gt; d &amp; e\n\\]</div>",
                render("\\[\na < b & c > d &amp; e\n\\]"));
        assertEquals("<div class=\"arithmatex\">\\[&lt;/div&gt;&lt;img src=x onerror=alert(1)&gt;\\]</div>",
                render("$$</div><img src=x onerror=alert(1)>$$"));
    }

    @Test
    void escapedDelimitersAreText() {
        assertEquals("<p>$x$ and \\(y)</p>", render("\\$x$ and \\\\(y\\)"));
    }

    @Test
    void asArithmatexCodeAndMathInsideMathStayWhole() {
        // Arithmatex matches after code spans, so a $ inside one closes nothing.
        assertEquals("<p><span class=\"arithmatex\">\\(a <code>b$</code> c\\)</span></p>", render("$a `b$` c$"));
        // And again after each match: $$x$$ within a line is math ($x$) inside math.
        assertEquals("<p><span class=\"arithmatex\">\\(<span class=\"arithmatex\">\\(x\\)</span>\\)</span> is not a "
                + "block here</p>", render("$$x$$ is not a block here"));
    }

    @Test
    void withoutArithmatexDollarsAndBracketsAreText() {
        assertEquals("<p>$x$ and (y)</p>\n<p>$$\nx\n$$</p>",
                renderer.render("$x$ and \\(y\\)\n\n$$\nx\n$$", Dialect.MKDOCS).strip());
    }

    @Test
    void aDocSetHasMathWhenItsMkdocsYmlListsArithmatex(@TempDir Path dir) throws Exception {
        String page = "# Energy\n\n$E = mc^2$\n\n$$\nE = mc^2\n$$\n";
        Diagnostics diagnostics = new Diagnostics();
        String listed = page(dir.resolve("listed"), """
                site_name: Physics
                markdown_extensions:
                  - pymdownx.arithmatex:
                      generic: true
                """, page, diagnostics);
        assertEquals("[]", diagnostics.sorted().toString(), "arithmatex is supported, not warned about");
        assertTrue(listed.contains("<p><span class=\"arithmatex\">\\(E = mc^2\\)</span></p>"), listed);
        assertTrue(listed.contains("<div class=\"arithmatex\">\\[\nE = mc^2\n\\]</div>"), listed);

        // TechDocs does not enable arithmatex: a doc set that does not list it has none.
        String unlisted = page(dir.resolve("unlisted"), "site_name: Physics\n", page, new Diagnostics());
        assertFalse(unlisted.contains("arithmatex"), unlisted);
        assertTrue(unlisted.contains("<p>$E = mc^2$</p>"), unlisted);
    }

    @Test
    void itsSyntaxOptionsAreFollowed(@TempDir Path dir) throws Exception {
        // inline_syntax [round] and block_syntax [dollar]: $x$ and \[…\] are not math (\[ is an escaped bracket).
        String some = page(dir.resolve("some"), """
                site_name: Physics
                markdown_extensions:
                  - pymdownx.arithmatex:
                      inline_syntax: [round]
                      block_syntax: [dollar]
                """, "$x$ and \\(y\\)\n\n$$\nx\n$$\n\n\\[\ny\n\\]\n", new Diagnostics());
        assertTrue(some.contains("<p>$x$ and <span class=\"arithmatex\">\\(y\\)</span></p>"), some);
        assertTrue(some.contains("<div class=\"arithmatex\">\\[\nx\n\\]</div>"), some);
        assertTrue(some.contains("<p>[\ny\n]</p>"), some);

        // smart_dollar: false: any two dollars hold math.
        String plain = page(dir.resolve("plain"), """
                site_name: Physics
                markdown_extensions:
                  - pymdownx.arithmatex:
                      smart_dollar: false
                """, "$5 and $10\n", new Diagnostics());
        assertTrue(plain.contains("<p><span class=\"arithmatex\">\\(5 and \\)</span>10</p>"), plain);
    }

    /** The one page of a doc set with this {@code mkdocs.yml}, as Paved renders it. */
    private static String page(Path dir, String mkdocs, String markdown, Diagnostics diagnostics) throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("mkdocs.yml"), mkdocs);
        Files.writeString(dir.resolve("docs/index.md"), markdown);
        DocSet docs = new TechDocsBuilder(new MarkdownRenderer(), diagnostics).build(dir, dir).orElseThrow();
        return docs.pages().get(0).html();
    }
}
