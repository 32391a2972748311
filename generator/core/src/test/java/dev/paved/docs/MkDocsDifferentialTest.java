package dev.paved.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.TestFiles;
import dev.paved.pipeline.Pipeline;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MkDocs is the oracle of TechDocs: every doc set of {@code ../shared/corpus/docs} is built by MkDocs itself, with the
 * Markdown extensions that {@code mkdocs-techdocs-core} enables ({@code mkdocs-oracle/techdocs_config.py}), and by
 * Paved, and each page's elements are compared: headings with their ids, links with their targets, code blocks,
 * tables, admonitions, details, tabs, images, definition lists, footnotes, {@code <kbd>}, emoji and icons. A doc set's
 * score is the share of elements found on both sides (the same element, as often, on the same page) among those
 * found on either. Every doc set must reach its floor in {@code mkdocs-oracle/floors.tsv} — a ratchet: each doc
 * set's score when it was last raised, so that no change makes any of them worse — or 98 %, the goal, when it is not
 * listed (the figures and what still differs are in docs/compatibility.md).
 *
 * <p>MkDocs runs in the Python named by {@code PAVED_MKDOCS_PYTHON} (CI: Debian's {@code python3} with the packages
 * {@code mkdocs}, {@code python3-pymdownx}); without it the test is skipped, unless {@code PAVED_REQUIRE_MKDOCS} is
 * true.
 */
class MkDocsDifferentialTest {

    /** The score a doc set not in the floors file must reach. */
    static final double GOAL = 0.98;

    @Test
    void everyDocSetHasTheElementsMkDocsGivesIt(@TempDir Path work) throws Exception {
        String python = System.getProperty("paved.mkdocsPython", "");
        if (python.isBlank()) {
            assertFalse(Boolean.getBoolean("paved.requireMkdocs"), "PAVED_REQUIRE_MKDOCS is set but "
                    + "PAVED_MKDOCS_PYTHON is not: name a python with mkdocs and pymdownx");
            Assumptions.abort("PAVED_MKDOCS_PYTHON is not set (a python with mkdocs and pymdownx): the MkDocs "
                    + "differential test is skipped");
        }
        Path corpus = TestFiles.shared("corpus/docs");
        Path script = TestFiles.resource("mkdocs-oracle/techdocs_config.py");
        Map<String, Double> floors = new HashMap<>();
        for (String line : Files.readAllLines(TestFiles.resource("mkdocs-oracle/floors.tsv"))) {
            String[] f = line.split("\t");
            if (f.length == 2 && !line.startsWith("#")) {
                floors.put(f[0], Double.parseDouble(f[1]) / 100);
            }
        }
        Map<String, Score> scores = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<String> unbuilt = new ArrayList<>();
        try (Stream<Path> sets = Files.list(corpus)) {
            for (Path set : sets.filter(Files::isDirectory).sorted().toList()) {
                Optional<Path> config = Stream.of("mkdocs.yml", "mkdocs.yaml").map(set::resolve)
                        .filter(Files::isRegularFile).findFirst();
                if (config.isEmpty()) {
                    continue; // no configuration of its own at its root: not a doc set MkDocs builds as it is
                }
                String name = set.getFileName().toString();
                Path mkdocsSite = work.resolve(name).resolve("mkdocs");
                Path pavedSite = work.resolve(name).resolve("paved");
                Path oracle = work.resolve(name).resolve("oracle.yml");
                Files.createDirectories(oracle.getParent());
                try {
                    run(List.of(python, script.toString(), config.get().toString(), mkdocsSite.toString(),
                            oracle.toString()), set, script.getParent());
                    // paved_material_emoji (beside the script) stands for Material's emoji index, which Debian lacks.
                    run(List.of(python, "-m", "mkdocs", "build", "-q", "-f", oracle.toString()), set,
                            script.getParent());
                } catch (IOException e) {
                    unbuilt.add(name + ": " + e.getMessage().lines().reduce((a, b) -> b).orElse(""));
                    continue; // no oracle for it
                }
                Pipeline.techdocs(set, pavedSite, Optional.empty(), false);
                Score score = compare(mkdocsSite, pavedSite);
                scores.put(name, score);
                double floor = floors.getOrDefault(name, GOAL);
                if (score.ratio() < floor - 0.0005) { // floors are written to a tenth of a per cent
                    failures.add(name + " below its floor of " + 100 * floor + " %: " + score);
                }
            }
        }
        StringBuilder report = new StringBuilder("doc set\tpages\telements\tmatched\tscore\n");
        scores.forEach((name, s) -> report.append(name).append('\t').append(s.pages()).append('\t')
                .append(s.elements()).append('\t').append(s.matched()).append('\t')
                .append(String.format(Locale.ROOT, "%.1f %%", 100 * s.ratio())).append('\t')
                .append(s.ratio() < 1 ? s.toString() : "").append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "mkdocs-differential.tsv"), report);
        // Every difference of each doc set, one per line, for whoever works on them.
        Path details = Files.createDirectories(Path.of("target", "mkdocs-differential"));
        for (Map.Entry<String, Score> e : scores.entrySet()) {
            StringBuilder lines = new StringBuilder();
            e.getValue().missing().forEach((k, n) -> lines.append("missing\t").append(n).append('\t').append(k).append('\n'));
            e.getValue().extra().forEach((k, n) -> lines.append("extra\t").append(n).append('\t').append(k).append('\n'));
            Files.writeString(details.resolve(e.getKey() + ".tsv"), lines);
        }
        unbuilt.forEach(u -> report.append("not built by MkDocs: ").append(u).append('\n'));
        System.out.print(report);
        assertTrue(scores.size() >= 15, "the corpus' doc sets were compared: " + scores.keySet() + "; " + unbuilt);
        assertEquals(List.of(), failures, "doc sets below their floor (report: target/mkdocs-differential.tsv)");
    }

    /** A doc set's elements compared: how many on either side, how many on both. */
    record Score(int pages, int elements, int matched, Map<String, Integer> missing, Map<String, Integer> extra) {
        double ratio() {
            return elements == 0 ? 1 : (double) matched / elements;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f %% of %d elements; first missing %s; first extra %s",
                    100 * ratio(), elements, first(missing), first(extra));
        }

        private static String first(Map<String, Integer> m) {
            return m.keySet().stream().limit(8).toList().toString();
        }
    }

    private static Score compare(Path mkdocs, Path paved) throws IOException {
        int pages = 0;
        int elements = 0;
        int matched = 0;
        Map<String, Integer> missing = new TreeMap<>();
        Map<String, Integer> extra = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(mkdocs)) {
            files = walk.filter(p -> p.getFileName().toString().equals("index.html")).sorted().toList();
        }
        for (Path file : files) {
            String page = mkdocs.relativize(file).toString().replace('\\', '/');
            Element main = Jsoup.parse(file.toFile(), "UTF-8").selectFirst("div[role=main]");
            if (main == null) {
                continue;
            }
            pages++;
            Map<String, Integer> expected = elements(main, page);
            Path ours = paved.resolve(page);
            Map<String, Integer> actual = new HashMap<>();
            if (Files.isRegularFile(ours)) {
                Document doc = Jsoup.parse(ours.toFile(), "UTF-8");
                Element article = doc.selectFirst("article.prose");
                if (article != null) {
                    article.select("a.edit-page, p.last-updated, nav.pager").remove();
                    actual = elements(article, page);
                }
            }
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                int both = Math.min(e.getValue(), actual.getOrDefault(e.getKey(), 0));
                matched += both;
                if (both < e.getValue()) {
                    missing.merge(page + " " + e.getKey(), e.getValue() - both, Integer::sum);
                }
            }
            for (Map.Entry<String, Integer> e : actual.entrySet()) {
                if (e.getValue() > expected.getOrDefault(e.getKey(), 0)) {
                    extra.merge(page + " " + e.getKey(), e.getValue() - expected.getOrDefault(e.getKey(), 0),
                            Integer::sum);
                }
            }
            int a = expected.values().stream().mapToInt(Integer::intValue).sum();
            int b = actual.values().stream().mapToInt(Integer::intValue).sum();
            elements += a + b;
        }
        // Elements on either side: each matched one was counted on both.
        return new Score(pages, elements - matched, matched, missing, extra);
    }

    /** The elements of a page's content, as comparable text, with how often each occurs. */
    private static Map<String, Integer> elements(Element root, String page) {
        Element content = root.clone();
        content.select("a.headerlink").remove();
        Map<String, Integer> out = new HashMap<>();
        // An emoji: MkDocs (pymdownx.emoji's to_svg, as TechDocs) an image on a CDN, <img class="emojione|twemoji"
        // alt="😄" title=":smile:">, Paved the character, <span class="emoji" title=":smile:">😄</span>. An icon of
        // Material's index: <span class="twemoji"><svg>…</svg></span> on both sides, compared by what it draws.
        for (Element emoji : content.select("img.emojione, img.twemoji")) {
            add(out, "emoji " + emoji.attr("title") + " " + emoji.attr("alt"));
            // In a title or heading the emoji is its character, as Paved writes it.
            emoji.replaceWith(new TextNode(emoji.attr("alt")));
        }
        for (Element emoji : content.select("span.emoji")) {
            add(out, "emoji " + emoji.attr("title") + " " + emoji.text());
        }
        for (Element h : content.select("h1, h2, h3, h4, h5, h6")) {
            add(out, h.tagName() + "#" + h.id() + " " + text(h));
        }
        for (Element a : content.select("a[href]")) {
            if (!a.attr("href").startsWith("#__codelineno")) { // line anchors of highlighted code, not content
                add(out, "a " + target(a.attr("href"), page));
            }
        }
        for (Element pre : content.select("pre")) {
            add(out, "pre " + Integer.toHexString(text(pre).hashCode()));
        }
        for (Element table : content.select("table")) {
            Element first = table.selectFirst("tr");
            add(out, "table " + table.select("tr").size() + "x" + (first == null ? 0 : first.children().size()));
        }
        // Paved writes admonitions as MkDocs does (Admonitions).
        for (Element admonition : content.select("div.admonition")) {
            Element title = admonition.selectFirst(".admonition-title");
            add(out, "admonition " + admonition.className().replace("admonition", "").trim() + " "
                    + (title == null ? "" : text(title)));
        }
        for (Element details : content.select("details")) {
            Element summary = details.selectFirst("summary");
            add(out, "details " + (summary == null ? "" : text(summary)));
        }
        for (Element tabs : content.select(".tabbed-set")) {
            add(out, "tabs " + String.join("|", tabs.select(".tabbed-labels > label, .tabbed-set > label").stream()
                    .map(MkDocsDifferentialTest::label).toList()));
        }
        for (Element img : content.select("img:not(.emojione, .twemoji)")) {
            // A diagram drawn into the page (PlantUML, Graphviz): by what it is, not by its drawing's bytes.
            add(out, "img " + (img.attr("src").startsWith("data:")
                    ? "drawn " + img.className() + " \"" + img.attr("alt") + "\""
                    : target(img.attr("src"), page)));
        }
        for (Element dl : content.select("dl")) {
            add(out, "dl " + dl.select("dt").size());
        }
        for (Element footnotes : content.select("div.footnote")) {
            add(out, "footnotes " + footnotes.select("li").size());
        }
        for (Element kbd : content.select("kbd")) {
            add(out, "kbd " + text(kbd));
        }
        // An icon in a tab's label is compared as part of the label ("tabs …" above).
        for (Element icon : content.select("span.twemoji")) {
            if (icon.closest(".tabbed-labels > label, .tabbed-set > label") == null) {
                add(out, "icon " + icon(icon));
            }
        }
        return out;
    }

    /** An icon as what it draws. */
    private static String icon(Element icon) {
        return Integer.toHexString(String.join(" ", icon.select("path").eachAttr("d")).hashCode());
    }

    /** A tab's label: its text, with each icon in it as {@code [icon …]}. */
    private static String label(Element label) {
        Element copy = label.clone();
        for (Element icon : copy.select("span.twemoji")) {
            icon.replaceWith(new TextNode("[icon " + icon(icon) + "]"));
        }
        return text(copy);
    }

    private static void add(Map<String, Integer> out, String element) {
        out.merge(element, 1, Integer::sum);
    }

    private static String text(Element e) {
        return e.text().replace('\u00b6', ' ').replaceAll("\\s+", " ").strip();
    }

    /**
     * A link target as a site path: relative targets resolved against the page, {@code index.html} and a trailing
     * slash taken off (MkDocs links folders, Paved their index files); other schemes as they are.
     */
    private static String target(String href, String page) {
        if (href.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return href;
        }
        try {
            String resolved = URI.create("http://site/" + page).resolve(href.replace(" ", "%20")).toString()
                    .substring("http://site/".length());
            return resolved.replaceFirst("index\\.html(?=$|#)", "").replaceFirst("/(?=$|#)", "");
        } catch (IllegalArgumentException e) {
            return href;
        }
    }

    /** Runs a command in {@code dir} with Python modules from {@code pythonPath} too. */
    private static void run(List<String> command, Path dir, Path pythonPath) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().merge("PYTHONPATH", pythonPath.toString(), (a, b) -> b + File.pathSeparator + a);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed in " + dir + ":\n" + output);
        }
    }
}
