package dev.paved.docs;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Removes anything executable from HTML written by authors: scripts, event handlers, {@code javascript:} URLs,
 * iframes, forms and styles. Keeps structure, classes, ids and relative links.
 */
public final class HtmlSanitizer {

    private static final String BASE = "https://paved.invalid/";
    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("abbr", "details", "summary", "del", "s", "ins", "mark", "kbd", "hr", "figure", "figcaption",
                    "sup", "sub", "input", "dfn")
            .addAttributes(":all", "class", "id", "title", "aria-hidden")
            .addAttributes("input", "type", "checked", "disabled")
            .addAttributes("details", "open")
            .addAttributes("div", "data-label")
            .addAttributes("a", "rel")
            .addProtocols("a", "href", "#")
            .preserveRelativeLinks(true);

    private HtmlSanitizer() {
    }

    /** The sanitised form of an HTML fragment. */
    public static String clean(String html) {
        Document dirty = Jsoup.parseBodyFragment(html, BASE);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        // Relative links were made absolute against BASE to be checked; give them back their relative form.
        clean.select("[href^=" + BASE + "], [src^=" + BASE + "]").forEach(el -> {
            for (String attr : new String[] {"href", "src"}) {
                if (el.attr(attr).startsWith(BASE)) {
                    el.attr(attr, el.attr(attr).substring(BASE.length()));
                }
            }
        });
        return clean.body().html();
    }
}
