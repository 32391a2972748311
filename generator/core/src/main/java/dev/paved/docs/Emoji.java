package dev.paved.docs;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.parser.LightInlineParser;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataKey;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import dev.paved.docs.MarkdownRenderer.EmojiIndex;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * {@code pymdownx.emoji}, which TechDocs enables: {@code :smile:} is an emoji of the doc set's emoji index
 * (EmojiOne's by default, Twemoji's when its {@code mkdocs.yml} chooses it or Material's index). Where MkDocs links
 * an image on a CDN, Paved shows the character ({@code <span class="emoji" title=":smile:">😄</span>}), so a page
 * asks no other host for anything. With Material's index, {@code :material-check:}, {@code :octicons-…-16:},
 * {@code :fontawesome-brands-…:} are Material's icons, inline as Material writes them
 * ({@code <span class="twemoji"><svg …></svg></span>}); with the others they are text, as in TechDocs.
 *
 * <p>As pymdownx.emoji's inline pattern, a shortcode is a colon, letters, digits, {@code _ + -} and a colon; it is
 * not looked for in code, URLs or HTML. One the index does not know is text, and its closing colon cannot open
 * another ({@code :x:smile:} stays as written). The data are {@code emoji.tsv} and {@code icons/icons.tsv.gz},
 * generated from pymdown-extensions 9.5 and mkdocs-material 8.2.5 by the scripts beside them; the icons are read
 * only when a page uses one.
 */
final class Emoji implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

    /** The index a parser looks shortcodes up in. */
    static final DataKey<EmojiIndex> INDEX = new DataKey<>("PAVED_EMOJI_INDEX", EmojiIndex.EMOJIONE);

    /** The first part of every icon's name in {@code icons.tsv.gz} (EmojiTest checks it), to read it only for them. */
    private static final Set<String> ICON_SETS = Set.of("material", "octicons", "fontawesome", "logo");

    /**
     * What an icon is rendered as until the page is sanitised, its SVG put in after ({@link #withIcons}): the
     * sanitiser keeps no SVG, and the icons are Paved's own vendored files, trusted, not author's markup.
     */
    private static final Pattern ICON_MARK =
            Pattern.compile("<span class=\"twemoji\" title=\":([+\\-\\w]+):\"></span>");

    /** A shortcode the index knows: an emoji, shown as its characters, or an icon (no characters). */
    static final class Shortcode extends Node {
        final String name;
        final String characters;

        Shortcode(BasedSequence chars, String name, String characters) {
            super(chars);
            this.name = name;
            this.characters = characters;
        }

        @Override
        public BasedSequence[] getSegments() {
            return EMPTY_SEGMENTS;
        }
    }

    private Emoji() {
    }

    static Emoji create() {
        return new Emoji();
    }

    /** The characters of an emoji shortcode (without its colons) in an index, or null when it has none. */
    static String characters(String name, EmojiIndex index) {
        String[] both = EmojiTable.CHARACTERS.get(name);
        return both == null ? null : index == EmojiIndex.EMOJIONE ? both[0] : both[1];
    }

    /** The SVG of an icon of Material's index, or null when there is none of that name. */
    static String icon(String name) {
        int dash = name.indexOf('-');
        return ICON_SETS.contains(dash < 0 ? name : name.substring(0, dash)) ? Icons.SVG.get(name) : null;
    }

    /** A sanitised page with each icon's SVG put in its place. */
    static String withIcons(String html) {
        if (!html.contains("<span class=\"twemoji\" title=")) {
            return html;
        }
        Matcher m = ICON_MARK.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 1024);
        while (m.find()) {
            String svg = icon(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(svg == null ? m.group()
                    : "<span class=\"twemoji\">" + svg + "</span>"));
        }
        return m.appendTail(out).toString();
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '+' || c == '-';
    }

    private static boolean shortcode(LightInlineParser parser) {
        BasedSequence input = parser.getInput();
        int start = parser.getIndex();
        int end = start + 1;
        while (end < input.length() && isNameChar(input.charAt(end))) {
            end++;
        }
        if (end == start + 1 || end >= input.length() || input.charAt(end) != ':') {
            return false;
        }
        String name = input.subSequence(start + 1, end).toString();
        EmojiIndex index = INDEX.get(parser.getDocument());
        String characters = characters(name, index);
        BasedSequence written = input.subSequence(start, end + 1);
        if (characters != null) {
            parser.flushTextNode();
            parser.appendNode(new Shortcode(written, name, characters));
        } else if (index == EmojiIndex.MATERIAL && icon(name) != null) {
            parser.flushTextNode();
            parser.appendNode(new Shortcode(written, name, null));
        } else {
            // Unknown: text, closing colon included, as pymdownx.emoji takes the match and gives back its text.
            parser.appendText(written);
        }
        parser.setIndex(end + 1);
        return true;
    }

    @Override
    public void extend(Parser.Builder parser) {
        parser.customInlineParserExtensionFactory(new FlexmarkHooks.InlineSyntax(":") {
            @Override
            boolean parse(LightInlineParser inline) {
                return shortcode(inline);
            }
        });
    }

    @Override
    public void extend(HtmlRenderer.Builder renderer, String rendererType) {
        renderer.nodeRendererFactory(options -> FlexmarkHooks.rendering(Shortcode.class, Emoji::render));
    }

    private static void render(Shortcode node, NodeRendererContext context, HtmlWriter html) {
        String title = Entities.escape(":" + node.name + ":");
        html.raw(node.characters == null ? "<span class=\"twemoji\" title=\"" + title + "\"></span>"
                : "<span class=\"emoji\" title=\"" + title + "\">" + Entities.escape(node.characters) + "</span>");
    }

    @Override
    public void parserOptions(MutableDataHolder options) {
    }

    @Override
    public void rendererOptions(MutableDataHolder options) {
    }

    /** {@code emoji.tsv}: each shortcode's characters in EmojiOne's index and in Twemoji's (null where it lacks it). */
    private static final class EmojiTable {
        static final Map<String, String[]> CHARACTERS = read();

        private static Map<String, String[]> read() {
            Map<String, String[]> out = new HashMap<>();
            for (String line : Bundled.text("/paved/docs/emoji.tsv").split("\n")) {
                String[] f = line.split("\t", -1);
                if (f.length == 3 && !line.startsWith("#")) {
                    String one = f[1].isEmpty() ? null : decode(f[1]);
                    out.put(f[0], new String[] {one, f[2].equals("=") ? one : f[2].isEmpty() ? null : decode(f[2])});
                }
            }
            return Map.copyOf(out);
        }

        /** {@code 1f44d-1f3fb}: the characters of those code points. */
        private static String decode(String codePoints) {
            StringBuilder out = new StringBuilder();
            for (String hex : codePoints.split("-")) {
                out.appendCodePoint(Integer.parseInt(hex, 16));
            }
            return out.toString();
        }
    }

    /** {@code icons/icons.tsv.gz}: each icon's SVG, read the first time a page uses an icon. */
    private static final class Icons {
        static final Map<String, String> SVG = read();

        private static Map<String, String> read() {
            Map<String, String> out = new HashMap<>();
            for (String line : Bundled.text("/paved/docs/icons/icons.tsv.gz").split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0 && !line.startsWith("#")) {
                    out.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
            return Map.copyOf(out);
        }
    }

    /** Every icon's name, for tests. */
    static Set<String> iconNames() {
        return Icons.SVG.keySet();
    }
}
