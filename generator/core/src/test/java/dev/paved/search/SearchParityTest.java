package dev.paved.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.Browser;
import dev.paved.TestFiles;
import dev.paved.pipeline.Pipeline;
import dev.paved.config.ConfigReader;
import dev.paved.config.PavedConfig;
import dev.paved.diagnostic.Diagnostics;
import dev.paved.preview.PreviewServer;
import dev.paved.site.SearchDocuments;
import dev.paved.site.SiteGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The proof that the portal's search ranks as Lucene does. One corpus (the demo catalog plus a generated
 * organisation's docs, {@code ../shared/bench/gen-corpus.py}) is indexed by Lucene; over 200 queries of every
 * shape are answered by Lucene's own {@code IndexSearcher}, by the exported static index in the browser's own
 * {@code search.js} running in headless Chromium, and by {@link StaticIndex} (what {@code paved search} uses).
 * All three must give the same top 10 documents in the same order with the same scores; ties go to the lower
 * document number, as in Lucene.
 */
class SearchParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static Path site;
    private static SearchIndex index;
    private static List<String> queries;

    @BeforeAll
    static void buildCorpusAndIndex() throws Exception {
        Path generator = TestFiles.shared("bench/gen-corpus.py");
        Path corpus = work.resolve("corpus");
        Process gen = new ProcessBuilder("python3", generator.toString(), "--pages", "400", "--out",
                corpus.toString()).redirectErrorStream(true).start();
        String log = new String(gen.getInputStream().readAllBytes());
        assertEquals(0, gen.waitFor(), "gen-corpus.py failed: " + log);

        Path root = TestFiles.projectRoot();
        List<Path> sources = new ArrayList<>();
        sources.add(root.resolve("catalog"));
        try (Stream<Path> repos = Files.list(corpus.resolve("repos"))) {
            repos.sorted().forEach(sources::add);
        }
        site = work.resolve("site");
        PavedConfig config = ConfigReader.read(root, new Diagnostics()).withSources(sources).withOutput(site);
        Pipeline.build(config, Pipeline.Options.defaults());

        SiteGenerator.Input input = Pipeline.read(config, Pipeline.Options.defaults(), new Diagnostics());
        index = SearchIndex.build(SearchDocuments.of(input));
        queries = queries(index.documents());
    }

    @AfterAll
    static void close() {
        if (index != null) {
            index.close();
        }
    }

    @Test
    void theSiteServesExactlyThisLuceneIndex() throws IOException {
        for (Map.Entry<String, byte[]> file : index.export().entrySet()) {
            Path served = site.resolve("search").resolve(file.getKey());
            assertTrue(Files.isRegularFile(served), "missing from the site: search/" + file.getKey());
            assertArrayEquals(file.getValue(), Files.readAllBytes(served), "search/" + file.getKey() + " differs");
        }
        assertEquals(index.documents().stream().map(SearchDocument::url).toList(), index.documentUrls(),
                "Lucene document numbers are the documents' order");
    }

    @Test
    void browserAndTerminalRankExactlyAsLuceneIndexSearcher(@TempDir Path profile) throws Exception {
        assertTrue(queries.size() >= 200, "at least 200 queries: " + queries.size());
        StaticIndex exported = StaticIndex.open(site);
        JsonNode browser = runInBrowser(profile);

        List<String> mismatches = new ArrayList<>();
        int answered = 0;
        int full = 0;
        int ties = 0;
        for (int q = 0; q < queries.size(); q++) {
            String query = queries.get(q);
            List<String> plan = exported.plan(query);
            List<long[]> lucene = lucene(plan);
            List<long[]> terminal = exported.search(query, Map.of(), 10).hits().stream()
                    .map(h -> new long[] {h.document(), h.score()}).toList();
            List<long[]> js = new ArrayList<>();
            browser.get(q).path("hits").forEach(h -> js.add(new long[] {h.get(0).asLong(), h.get(1).asLong()}));
            List<String> jsPlan = new ArrayList<>();
            browser.get(q).path("terms").forEach(t -> jsPlan.add(t.asText()));

            String shown = query.length() > 60 ? query.substring(0, 60) + "…" : query;
            if (!plan.equals(jsPlan)) {
                mismatches.add("terms of \"" + shown + "\": Java " + plan + ", browser " + jsPlan);
            }
            if (!same(lucene, js)) {
                mismatches.add("\"" + shown + "\": Lucene " + show(lucene) + ", browser " + show(js));
            }
            if (!same(lucene, terminal)) {
                mismatches.add("\"" + shown + "\": Lucene " + show(lucene) + ", paved search " + show(terminal));
            }
            answered += lucene.isEmpty() ? 0 : 1;
            full += lucene.size() == 10 ? 1 : 0;
            for (int i = 1; i < lucene.size(); i++) {
                ties += lucene.get(i)[1] == lucene.get(i - 1)[1] ? 1 : 0;
            }
        }
        assertEquals(List.of(), mismatches, mismatches.size() + " of " + queries.size() + " queries differ");
        // The queries exercise what they should: most find something, many fill a page, and ties occur.
        assertTrue(answered >= queries.size() * 8 / 10, "only " + answered + " queries found anything");
        assertTrue(full >= 100, "only " + full + " queries filled ten results");
        assertTrue(ties > 0, "no query had tied scores in its top 10, so tie-breaking went untested");
    }

    /** Lucene's own ranking of a plan's terms: a boosted term query per field, summed by a BooleanQuery. */
    private static List<long[]> lucene(List<String> plan) throws IOException {
        if (plan.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : plan) {
            for (SearchField f : SearchField.values()) {
                query.add(new BoostQuery(new TermQuery(new Term(f.field(), term)), f.boost()),
                        BooleanClause.Occur.SHOULD);
            }
        }
        List<long[]> out = new ArrayList<>();
        for (ScoreDoc d : index.searcher().search(query.build(), 10).scoreDocs) {
            float scaled = d.score * QuantizedSimilarity.SCALE;
            assertEquals(Math.round(scaled), scaled, 0f, "a sum of rounded scores is exact");
            out.add(new long[] {d.doc, Math.round(scaled)});
        }
        return out;
    }

    /** Every query answered by the site's search.js in Chromium: per query, its plan and [document, score] hits. */
    private static JsonNode runInBrowser(Path profile) throws IOException {
        try (PreviewServer server = PreviewServer.start(site, 0); Browser browser = Browser.start(profile)) {
            browser.driver().get(server.uri().resolve("search/index.html").toString());
            Object result = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const [queries, done] = arguments;
                    const src = document.querySelector('script[type=module]').src;
                    import(src).then(async (search) => {
                      const index = await search.openIndex(new URL('manifest.json', location.href).href);
                      const out = [];
                      for (const q of queries) {
                        const r = await index.search(q, { limit: 10 });
                        out.push({ terms: r.terms, hits: r.hits.map((h) => [h.doc, h.score]) });
                      }
                      done(JSON.stringify(out));
                    }).catch((e) => done(JSON.stringify({ error: String(e && e.stack || e) })));
                    """, queries);
            JsonNode node = JSON.readTree((String) result);
            assertTrue(node.isArray(), "the browser failed: " + node);
            return node;
        }
    }

    /**
     * Over 200 queries drawn from the corpus with a fixed seed: single words, several words, prefixes being
     * typed, identifiers in kebab, snake and camel case, and odd input.
     */
    static List<String> queries(List<SearchDocument> documents) {
        Random random = new Random(42);
        List<String> words = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SearchDocument d : documents) {
            for (String w : (d.title() + " " + d.field(SearchField.TEXT)).split("[^\\p{L}\\p{Nd}]+")) {
                if (w.length() >= 3) {
                    words.add(w);
                }
            }
            if (!d.field(SearchField.NAME).isEmpty()) {
                names.add(d.field(SearchField.NAME));
            }
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        while (out.size() < 60) {
            out.add(pick(words, random).toLowerCase(Locale.ROOT));
        }
        while (out.size() < 120) {
            out.add(pick(words, random) + " " + pick(words, random) + (random.nextBoolean() ? "" : " "
                    + pick(words, random)));
        }
        while (out.size() < 170) {
            String w = pick(words, random);
            out.add((random.nextInt(3) == 0 ? pick(words, random) + " " : "") + w.substring(0,
                    Math.min(w.length(), 2 + random.nextInt(4))));
        }
        while (out.size() < 210) {
            String name = pick(names, random);
            String[] parts = name.split("[-_.]");
            StringBuilder camel = new StringBuilder();
            for (String p : parts) {
                camel.append(p.isEmpty() ? "" : Character.toUpperCase(p.charAt(0)) + p.substring(1));
            }
            switch (random.nextInt(4)) {
                case 0 -> out.add(name);
                case 1 -> out.add(String.join("_", parts));
                case 2 -> out.add(camel.toString());
                default -> out.add(String.join(" ", parts));
            }
        }
        out.addAll(List.of("", " ", "*", "\"", "\"unclosed", "a", "the", "API", "apis", "v2", "Ünïcödé café 日本語",
                "<script>alert(1)</script>", "x".repeat(10_000), "service ".repeat(200), "İstanbul", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀"));
        return List.copyOf(out);
    }

    private static String pick(List<String> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    private static boolean same(List<long[]> a, List<long[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i)[0] != b.get(i)[0] || a.get(i)[1] != b.get(i)[1]) {
                return false;
            }
        }
        return true;
    }

    private static String show(List<long[]> hits) {
        return hits.stream().map(h -> h[0] + ":" + h[1]).toList().toString();
    }
}
