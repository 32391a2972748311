package dev.paved.docs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Arithmetic on site-relative paths ({@code catalog/default/component/a/index.html}), always with {@code /}. Every
 * link Paved writes is relative, so a portal works from {@code file://}, from {@code /} and from any sub-path.
 */
public final class UrlPaths {

    private UrlPaths() {
    }

    /** The relative URL from the page at {@code fromFile} to {@code toFile}; both are relative to the site root. */
    public static String relative(String fromFile, String toFile) {
        List<String> from = new ArrayList<>(Arrays.asList(fromFile.split("/")));
        from.remove(from.size() - 1);
        List<String> to = Arrays.asList(toFile.split("/"));
        int common = 0;
        while (common < from.size() && common < to.size() - 1 && from.get(common).equals(to.get(common))) {
            common++;
        }
        StringBuilder out = new StringBuilder();
        for (int i = common; i < from.size(); i++) {
            out.append("../");
        }
        out.append(String.join("/", to.subList(common, to.size())));
        return out.toString();
    }

    /** The prefix that leads from the page at {@code fromFile} back to the site root: {@code ""} or {@code ../../}. */
    public static String toRoot(String fromFile) {
        long depth = fromFile.chars().filter(c -> c == '/').count();
        return "../".repeat((int) depth);
    }

    /**
     * Resolves {@code relative} against the folder of {@code fromFile} and normalises it; {@code null} when it climbs
     * above the root.
     */
    public static String resolve(String fromFile, String relative) {
        List<String> parts = new ArrayList<>(Arrays.asList(fromFile.split("/")));
        parts.remove(parts.size() - 1);
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(segment);
            }
        }
        return String.join("/", parts);
    }

    /** Whether a URL is safe to put in a link: http, https or mailto. */
    public static boolean isWebLink(String url) {
        return url.matches("(?i)^(https?:|mailto:).*");
    }

    /**
     * Percent-encodes each segment of a site-relative path so that a file named {@code c#.md} or {@code a b.md}
     * is linked as one path, not a path and a fragment.
     */
    public static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (out.length() > 0 || path.startsWith("/")) {
                out.append('/');
            }
            out.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return path.startsWith("/") ? out.substring(1) : out.toString();
    }

    /** Whether a URL has a scheme ({@code https:}, {@code mailto:}) or is protocol-relative. */
    public static boolean isExternal(String url) {
        return url.startsWith("//") || url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }

    /**
     * A URL's path or fragment with its {@code %XX} escapes decoded ({@code +} kept), as Python's {@code unquote}
     * does for MkDocs: an escape that is not one ({@code %-t}) is left as written.
     */
    static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
