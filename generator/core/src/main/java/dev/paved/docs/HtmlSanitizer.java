package dev.paved.docs;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Removes anything executable from HTML written by authors: scripts, event handlers, {@code javascript:} URLs,
 * iframes, forms and styles. Keeps structure, classes, ids and relative links.
 */
public final class HtmlSanitizer {

    private static final String BASE = "https://paved.invalid/";
    private static final String[] URL_ATTRIBUTES = {"href", "src"};
    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("abbr", "details", "summary", "del", "s", "ins", "mark", "kbd", "hr", "figure", "figcaption",
                    "sup", "sub", "input", "dfn", "label", "center")
            .addAttributes(":all", "class", "id", "title", "aria-hidden")
            .addAttributes("input", "type", "checked", "disabled")
            .addAttributes("details", "open")
            .addAttributes("a", "rel")
            .addProtocols("a", "href", "#")
            // An image drawn into the page (a diagram): no host is asked, and no script in an image runs.
            .addProtocols("img", "src", "data")
            .preserveRelativeLinks(true);

    private HtmlSanitizer() {
    }

    /** The sanitised form of an HTML fragment. */
    public static String clean(String html) {
        return clean(html, RemoteImages.ANY);
    }

    /** The sanitised form of an HTML fragment; images from hosts {@code images} does not allow become links. */
    public static String clean(String html, RemoteImages images) {
        Document dirty = Jsoup.parseBodyFragment(html, BASE);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        // One pass (a CSS query would be parsed again for every page): relative links were made absolute against
        // BASE to be checked, so give them back their relative form; then images from hosts not allowed become links.
        for (Element el : clean.body().getAllElements()) {
            for (String attr : URL_ATTRIBUTES) {
                String value = el.attr(attr);
                if (value.startsWith(BASE)) {
                    el.attr(attr, value.substring(BASE.length()));
                }
            }
            if (el.nameIs("img") && el.hasAttr("src") && !images.allows(el.attr("src"))) {
                String src = el.attr("src");
                Element link = new Element("a").attr("href", src).attr("rel", "noopener").addClass("remote-image");
                link.text((el.attr("alt").isBlank() ? "Image" : el.attr("alt")) + " (on another site)");
                el.replaceWith(link);
            }
        }
        return clean.body().html();
    }
}
