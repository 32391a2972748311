package dev.paved.docs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.nodes.XmlDeclaration;
import org.jsoup.parser.Parser;

/**
 * Cleans an SVG file of everything that runs when it is opened on the portal's origin: scripts, event handlers,
 * {@code javascript:} links, elements of other vocabularies (HTML is kept inside {@code foreignObject}, as
 * diagram tools write labels, without anything active), animations that could rewrite a link, and processing
 * instructions. What is drawn is kept. Works on allow-lists: an element or attribute not known to be passive is
 * removed.
 */
final class SvgCleaner {

    private static final Set<String> SVG = Set.of("svg", "a", "circle", "clipPath", "defs", "desc", "ellipse",
            "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
            "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
            "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology",
            "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence", "filter", "g",
            "image", "line", "linearGradient", "marker", "mask", "metadata", "path", "pattern", "polygon",
            "polyline", "radialGradient", "rect", "stop", "style", "switch", "symbol", "text", "textPath", "title",
            "tspan", "use", "view", "foreignObject", "animateTransform", "animateMotion", "mpath");
    /** Text markup inside {@code foreignObject}, as draw.io and Mermaid write labels. */
    private static final Set<String> HTML = Set.of("div", "span", "p", "br", "b", "i", "u", "s", "strong", "em",
            "small", "sub", "sup", "font", "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th", "pre",
            "code", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "img", "a", "label");
    /** Prefixed attributes kept; other prefixes (and their namespace declarations) go with their vocabularies. */
    private static final Set<String> PREFIXED = Set.of("xlink:href", "xlink:title", "xml:space", "xml:lang",
            "xmlns", "xmlns:xlink");
    private static final Set<String> NAMESPACES = Set.of("http://www.w3.org/2000/svg",
            "http://www.w3.org/1999/xhtml", "http://www.w3.org/1999/xlink");
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");
    private static final Pattern IMAGE_DATA = Pattern.compile("^data:image/(png|jpeg|gif|webp)[;,]");

    private SvgCleaner() {
    }

    /** The cleaned form of an SVG file (UTF-8). */
    static byte[] clean(byte[] svg) {
        Document document = Jsoup.parse(new String(svg, StandardCharsets.UTF_8), "", Parser.xmlParser());
        // Only the XML declaration and the drawing stay: no DOCTYPE (entities), no processing instructions
        // (an xml-stylesheet could transform the file into a page), no comments.
        for (Node node : List.copyOf(document.childNodes())) {
            boolean declaration = node instanceof XmlDeclaration x && x.name().equals("xml")
                    && node.siblingIndex() == 0;
            if (!declaration && !(node instanceof Element)) {
                node.remove();
            }
        }
        for (Element element : List.copyOf(document.children())) {
            clean(element, false);
        }
        document.outputSettings().syntax(Document.OutputSettings.Syntax.xml).prettyPrint(false)
                .charset(StandardCharsets.UTF_8).escapeMode(Entities.EscapeMode.xhtml);
        return document.outerHtml().getBytes(StandardCharsets.UTF_8);
    }

    private static void clean(Element element, boolean inForeignObject) {
        String name = element.tagName();
        boolean allowed = inForeignObject ? HTML.contains(name) : SVG.contains(name);
        if (!allowed) {
            element.remove();
            return;
        }
        List<String> drop = new ArrayList<>();
        for (Attribute attribute : element.attributes()) {
            if (!passive(name, attribute.getKey(), attribute.getValue())) {
                drop.add(attribute.getKey());
            }
        }
        drop.forEach(element::removeAttr);
        for (Node child : List.copyOf(element.childNodes())) {
            if (child instanceof Element e) {
                clean(e, inForeignObject || name.equals("foreignObject"));
            } else if (!(child instanceof TextNode || child instanceof DataNode)) {
                child.remove(); // comments and processing instructions
            }
        }
    }

    private static boolean passive(String element, String attribute, String value) {
        String key = attribute.toLowerCase(Locale.ROOT);
        if (key.startsWith("on")) {
            return false;
        }
        if (key.contains(":") || key.equals("xmlns")) {
            if (!PREFIXED.contains(key)) {
                return false;
            }
            if (key.startsWith("xmlns")) {
                return NAMESPACES.contains(value.trim());
            }
        }
        String local = key.substring(key.indexOf(':') + 1);
        if (local.equals("href") || local.equals("src")) {
            return link(element, value);
        }
        return true;
    }

    /** Whether a link may stay: within the file or the portal, to the web, or an image's own data. */
    private static boolean link(String element, String value) {
        StringBuilder normal = new StringBuilder();
        value.codePoints().filter(c -> c > 0x20).forEach(normal::appendCodePoint);
        String url = normal.toString().toLowerCase(Locale.ROOT);
        var scheme = SCHEME.matcher(url);
        if (!scheme.find()) {
            return true; // relative, or a fragment
        }
        return switch (element) {
            case "a" -> Set.of("http", "https", "mailto").contains(scheme.group(1));
            case "image", "feImage", "img" -> Set.of("http", "https").contains(scheme.group(1))
                    || IMAGE_DATA.matcher(url).find();
            default -> false; // use, textPath, mpath and the rest refer within the portal only
        };
    }
}
