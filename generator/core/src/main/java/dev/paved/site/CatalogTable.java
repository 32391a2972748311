package dev.paved.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The catalog table of a big catalog. The catalog page holds its first {@value #PAGE_ROWS} rows, so that it stays
 * small and shows them without JavaScript; every row is also written to chunk scripts of {@value #CHUNK_ROWS} rows,
 * which the page's script loads when the user filters, searches or pages, so that filters work over every entity.
 *
 * <p>A chunk is a script, not JSON: Chromium refuses {@code fetch()} of local files, but runs a {@code <script>} of
 * a portal opened from disk. Each calls {@code pavedCatalogRows(n, rows)}; a row is an array, in this order:
 * title, entity page URL, namespace, problem count, kind, type, owner, system, lifecycle, tags, description, name,
 * whether it has docs ({@code yes} or {@code no}).
 * Owner and system are {@code null} or {@code [label, url, ref, missing]}. {@code paved.js} reads the same order.
 */
final class CatalogTable {

    /** The most rows the catalog page holds; a bigger catalog is paged by its script. */
    static final int PAGE_ROWS = 500;
    /** Rows per chunk script. */
    static final int CHUNK_ROWS = 2000;
    /** The folder of the chunk scripts, next to the catalog page. */
    static final String CHUNKS = "catalog/rows/";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CatalogTable() {
    }

    /** One chunk script: its site-relative path, named by its content's hash, and its text. */
    record Chunk(String path, String script) {
    }

    /** Whether a catalog of this many rows is paged. */
    static boolean paged(int rows) {
        return rows > PAGE_ROWS;
    }

    /** The chunk scripts holding every row, in order. */
    static List<Chunk> chunks(List<Views.Row> rows) {
        List<Chunk> out = new ArrayList<>();
        for (int from = 0, n = 0; from < rows.size(); from += CHUNK_ROWS, n++) {
            ArrayNode array = MAPPER.createArrayNode();
            rows.subList(from, Math.min(rows.size(), from + CHUNK_ROWS)).forEach(r -> array.add(row(r)));
            String script = "pavedCatalogRows(" + n + ", " + json(array) + ");\n";
            out.add(new Chunk(CHUNKS + n + "." + hash(script) + ".js", script));
        }
        return out;
    }

    /** "Showing the first 500 of 50,000 entities": numbers as the page shows them. */
    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static ArrayNode row(Views.Row r) {
        ArrayNode a = MAPPER.createArrayNode();
        a.add(r.title()).add(r.url()).add(r.namespace()).add(r.problems()).add(r.kind()).add(r.type());
        a.add(ref(r.owner())).add(ref(r.system())).add(r.lifecycle());
        ArrayNode tags = a.addArray();
        r.tags().forEach(tags::add);
        return a.add(r.description()).add(r.name()).add(r.docs() ? "yes" : "no");
    }

    private static ArrayNode ref(Views.Ref ref) {
        if (ref == null) {
            return null;
        }
        return MAPPER.createArrayNode().add(ref.label()).add(ref.url()).add(ref.ref()).add(ref.missing() ? 1 : 0);
    }

    private static String json(ArrayNode array) {
        try {
            // JSON is JavaScript but for these two line separators, which older engines refuse in strings.
            return MAPPER.writeValueAsString(array).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
