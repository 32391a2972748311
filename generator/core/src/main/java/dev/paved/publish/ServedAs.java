package dev.paved.publish;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** How each file of a site is served: its content type and how long it may be cached. */
final class ServedAs {

    /** Content-hashed files never change: cache them for a year. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** Pages and the search manifest change on every publish: revalidate after a minute. */
    static final String SHORT = "public, max-age=60";
    /** Other files (images, catalog exports): an hour. */
    static final String DEFAULT = "public, max-age=3600";

    private static final Pattern HASHED_ASSET = Pattern.compile("assets/.+\\.[0-9a-f]{10}\\.[a-z0-9]+");
    private static final Pattern SEARCH_FILES = Pattern.compile("search/(?:[tdp]/[0-9]+|facets)\\.[0-9a-f]{6}\\.(?:bin|json\\.gz)");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("xml", "application/xml"),
            Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("wasm", "application/wasm"),
            // Search index files are gzip data the browser decodes itself: served as bytes, never with a
            // Content-Encoding that would make the browser decode them first.
            Map.entry("gz", "application/gzip"),
            Map.entry("bin", "application/octet-stream"));

    private ServedAs() {
    }

    static String contentType(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash) {
            return path.endsWith("CNAME") ? "text/plain; charset=utf-8" : "application/octet-stream";
        }
        return TYPES.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }

    static String cacheControl(String path) {
        if (HASHED_ASSET.matcher(path).matches() || SEARCH_FILES.matcher(path).matches()) {
            return IMMUTABLE;
        }
        if (path.endsWith(".html") || path.equals("search/manifest.json")) {
            return SHORT;
        }
        return DEFAULT;
    }

    /** Whether a file is immutable: its path changes whenever its content does. */
    static boolean isImmutable(String path) {
        return IMMUTABLE.equals(cacheControl(path));
    }

    /** The files every other is reached from: replaced last, so that they never lead to a missing file. */
    static boolean isEntryPoint(String path) {
        return path.equals("index.html") || path.equals("404.html") || path.equals("search/manifest.json");
    }
}
