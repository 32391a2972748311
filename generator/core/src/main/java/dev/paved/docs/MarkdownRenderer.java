package dev.paved.docs;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ext.abbreviation.AbbreviationExtension;
import com.vladsch.flexmark.ext.admonition.AdmonitionExtension;
import com.vladsch.flexmark.ext.anchorlink.AnchorLinkExtension;
import com.vladsch.flexmark.ext.attributes.AttributesExtension;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.definition.DefinitionExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughSubscriptExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.IndependentLinkResolverFactory;
import com.vladsch.flexmark.html.LinkResolver;
import com.vladsch.flexmark.html.renderer.LinkResolverBasicContext;
import com.vladsch.flexmark.html.renderer.LinkStatus;
import com.vladsch.flexmark.html.renderer.LinkType;
import com.vladsch.flexmark.html.renderer.ResolvedLink;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.core.ReferencePreProcessorFactory;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataKey;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.misc.Extension;
import com.vladsch.flexmark.util.sequence.Escaping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Renders Markdown to sanitised HTML with Flexmark, in the dialect TechDocs authors write (tables, admonitions,
 * footnotes, task lists, definition lists, heading anchors, emoji). Every link and image URL passes through a rewriter so
 * callers can map {@code .md} links to pages and check them.
 */
public final class MarkdownRenderer {

    /** A parsed page: its headings (for anchors and the table of contents) and a way to render it. */
    public static final class Parsed {
        private final Document document;
        private final int lineOffset;

        Parsed(Document document, int lineOffset) {
            this.document = document;
            this.lineOffset = lineOffset;
        }

        /** The page's headings in order. */
        public List<HeadingInfo> headings() {
            List<HeadingInfo> out = new ArrayList<>();
            for (Node node : document.getDescendants()) {
                if (node instanceof Heading h) {
                    out.add(new HeadingInfo(h.getLevel(), h.getText().toString().trim(), h.getAnchorRefId()));
                }
            }
            return out;
        }

        /** The text of the first level-1 heading, or empty. */
        public String firstTitle() {
            return headings().stream().filter(h -> h.level() == 1).map(HeadingInfo::text).findFirst().orElse("");
        }
    }

    /** The emoji index of a doc set's {@code pymdownx.emoji} ({@code emoji_index} in its {@code mkdocs.yml}). */
    public enum EmojiIndex {
        /** pymdownx.emoji's default, which TechDocs keeps: EmojiOne's shortcodes. */
        EMOJIONE,
        /** {@code pymdownx.emoji.twemoji}: Twemoji's shortcodes. */
        TWEMOJI,
        /**
         * Material for MkDocs' index ({@code material.extensions.emoji.twemoji}, {@code materialx.emoji.twemoji}):
         * Twemoji's shortcodes and Material's icons ({@code :material-…:}, {@code :octicons-…:},
         * {@code :fontawesome-…:}).
         */
        MATERIAL
    }

    /**
     * The Markdown extensions a doc set turns on or configures (in its {@code mkdocs.yml}) beyond those Paved always
     * renders.
     *
     * @param magicLink whether bare URLs and e-mail addresses are links, as with {@code pymdownx.magiclink}
     *                  (without it, only {@code <https://…>} and {@code <user@example.com>} are)
     * @param emoji     the index {@code :shortcodes:} are looked up in
     * @param math      the math of {@code pymdownx.arithmatex} that is recognised (none unless the doc set lists it)
     */
    public record Dialect(boolean magicLink, EmojiIndex emoji, MathSyntax math) {

        /** Python-Markdown with the extensions Paved always renders (emoji from EmojiOne's index, as TechDocs). */
        public static final Dialect MKDOCS = new Dialect(false, EmojiIndex.EMOJIONE, MathSyntax.NONE);

        /** Checks the index and the math are given. */
        public Dialect {
            Objects.requireNonNull(emoji, "emoji");
            Objects.requireNonNull(math, "math");
        }

        /** This dialect with or without bare links. */
        public Dialect withMagicLink(boolean on) {
            return new Dialect(on, emoji, math);
        }

        /** This dialect with another emoji index. */
        public Dialect withEmoji(EmojiIndex index) {
            return new Dialect(magicLink, index, math);
        }

        /** This dialect with other math ({@link MathSyntax#NONE} for none). */
        public Dialect withMath(MathSyntax syntax) {
            return new Dialect(magicLink, emoji, syntax);
        }
    }

    /** A heading: level 1–6, its text and its anchor id. */
    public record HeadingInfo(int level, String text, String id) {
    }

    /**
     * Rewrites one URL of a link or image. Gets the URL as written and the 1-based source line; returns the URL to
     * emit.
     */
    @FunctionalInterface
    public interface UrlRewriter extends BiFunction<String, Integer, String> {
    }

    /** Hears of what a page asks for that could not be rendered as written (a diagram not drawn). */
    @FunctionalInterface
    public interface Warnings {
        /** A problem at a 1-based line of the file. */
        void warn(int line, String message);
    }

    private static final DataKey<UrlRewriter> REWRITER = new DataKey<>("PAVED_URL_REWRITER", (u, l) -> u);
    private static final DataKey<Integer> LINE_OFFSET = new DataKey<>("PAVED_LINE_OFFSET", 0);
    private static final DataKey<int[]> SOURCE_LINES = new DataKey<>("PAVED_SOURCE_LINES", new int[0]);
    /** Where each line of the parsed text starts: flexmark counts lines from the start for every link otherwise. */
    private static final DataKey<int[]> LINE_STARTS = new DataKey<>("PAVED_LINE_STARTS", new int[] {0});

    /**
     * An e-mail address as pymdownx.magiclink finds one: a local part of letters, digits and {@code -+_} with single
     * dots inside, and a domain of at least two labels ending in a letter (so {@code pkg@1.2.3} is none).
     */
    private static final String MAGIC_MAIL = "[-+A-Za-z0-9_](?:[-+A-Za-z0-9_]|\\.(?!\\.))*(?<!\\.)@"
            + "[-A-Za-z0-9_]+\\.(?:[-A-Za-z0-9_]|\\.(?!\\.))*[A-Za-z]";
    /**
     * What flexmark's autolinker finds that pymdownx.magiclink would not link: anything but an http(s) or ftp(s)
     * URL, a {@code www.} address and a {@link #MAGIC_MAIL} address (flexmark's finder takes {@code scope/pkg@1.2.3}
     * for an address, and any {@code scheme://} for a URL).
     */
    private static final String NOT_MAGIC_LINK = "(?!(?:(?:https?|ftps?)://|www\\.|" + MAGIC_MAIL + "$)).*";

    /**
     * Text no inline Markdown changes (no smart symbol, ordinal, address, shortcode or mark): words, numbers not
     * followed by a letter, spaces, commas, semicolons. Such a label or title needs no parse.
     */
    private static final Pattern PLAIN = Pattern.compile("(?:[\\p{L} ,;]|\\p{N}(?!\\p{L}))*");

    /** The options every dialect's parser starts from. */
    private final MutableDataSet options;
    /** A parser for each dialect pages were parsed in, made the first time. */
    private final Map<Dialect, Parser> parsers = new ConcurrentHashMap<>();
    private final HtmlRenderer renderer;

    private final RemoteImages remoteImages;

    /** A renderer with Paved's standard extensions, showing images from any host. */
    public MarkdownRenderer() {
        this(RemoteImages.ANY);
    }

    /** A renderer with Paved's standard extensions, showing remote images from the hosts {@code remoteImages} allows. */
    public MarkdownRenderer(RemoteImages remoteImages) {
        this.remoteImages = remoteImages;
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), StrikethroughSubscriptExtension.create(),
                InlineMarks.create(), SmartSymbols.create(), Keys.create(), Emoji.create(), TaskListExtension.create(),
                AnchorLinkExtension.create(), AdmonitionExtension.create(), Admonitions.create(), Diagrams.create(), FootnoteExtension.create(),
                DefinitionExtension.create(), AttributesExtension.create(), AbbreviationExtension.create()));
        // Python-Markdown needs no space after the hashes of a heading ("#Title", "##\u00a0API").
        options.set(Parser.HEADING_NO_ATX_SPACE, true);
        // Only Python-Markdown's block-level elements start an HTML block; other tags are inline HTML.
        options.set(Parser.HTML_BLOCK_TAGS, MarkdownInHtml.BLOCK_ELEMENTS);
        options.set(Parser.HTML_BLOCK_START_ONLY_ON_BLOCK_TAGS, true);
        options.set(HtmlRenderer.GENERATE_HEADER_ID, true);
        options.set(HtmlRenderer.RENDER_HEADER_ID, true);
        // Heading ids are MkDocs' own (HeadingIds).
        options.set(AnchorLinkExtension.ANCHORLINKS_WRAP_TEXT, false);
        options.set(AnchorLinkExtension.ANCHORLINKS_ANCHOR_CLASS, "headerlink");
        options.set(AnchorLinkExtension.ANCHORLINKS_TEXT_SUFFIX, "¶");
        options.set(AnchorLinkExtension.ANCHORLINKS_SET_ID, false);
        options.set(AnchorLinkExtension.ANCHORLINKS_SET_NAME, false);
        options.set(TablesExtension.CLASS_NAME, "table");
        // Computed once: left unset, flexmark reads the admonition icons from its jar again for every page.
        options.set(AdmonitionExtension.QUALIFIER_TYPE_MAP, AdmonitionExtension.getQualifierTypeMap());
        options.set(AdmonitionExtension.QUALIFIER_TITLE_MAP, AdmonitionExtension.getQualifierTitleMap());
        options.set(AdmonitionExtension.TYPE_SVG_MAP, AdmonitionExtension.getQualifierSvgValueMap());
        // Math is read only in the dialects that turn it on (parser(Dialect)); the one renderer writes it for all.
        List<Extension> rendering = new ArrayList<>(Parser.EXTENSIONS.get(options));
        rendering.add(Arithmatex.RENDERING);
        options.set(Parser.EXTENSIONS, rendering);
        this.options = options;
        this.renderer = HtmlRenderer.builder(options).linkResolverFactory(new RewritingResolverFactory())
                .htmlIdGeneratorFactory(HeadingIds.RENDERED).build();
    }

    /** Python-Markdown's parser with the dialect's extensions. */
    private Parser parser(Dialect dialect) {
        return parsers.computeIfAbsent(dialect, d -> {
            MutableDataSet set = new MutableDataSet(options);
            set.set(Emoji.INDEX, d.emoji());
            if (d.magicLink()) {
                // Bare URLs and addresses as links, as pymdownx.magiclink.
                List<Extension> extensions = new ArrayList<>(Parser.EXTENSIONS.get(options));
                extensions.add(AutolinkExtension.create());
                set.set(Parser.EXTENSIONS, extensions);
                set.set(AutolinkExtension.IGNORE_LINKS, NOT_MAGIC_LINK);
            }
            if (d.math().any()) {
                List<Extension> extensions = new ArrayList<>(Parser.EXTENSIONS.get(set));
                extensions.add(Arithmatex.create(d.math()));
                set.set(Parser.EXTENSIONS, extensions);
            }
            return parser(set);
        });
    }

    private static Parser parser(MutableDataSet options) {
        return Parser.builder(options).customInlineParserFactory(LinearInlineParser.FACTORY)
                // flexmark reads reference definitions ([id]: url) with its own inline parser only: given another, it
                // leaves them out unless asked, and every [text][id] is then undefined.
                .paragraphPreProcessorFactory(new ReferencePreProcessorFactory()).build();
    }

    /**
     * Parses Markdown.
     *
     * @param markdown   the text
     * @param lineOffset how many lines of the file came before this text (a front matter block), for line numbers
     */
    public Parsed parse(String markdown, int lineOffset) {
        return parse(markdown, lineOffset, Dialect.MKDOCS);
    }

    /**
     * Parses Markdown in a doc set's dialect.
     *
     * @param markdown   the text
     * @param lineOffset how many lines of the file came before this text (a front matter block), for line numbers
     * @param dialect    the extensions the doc set turns on
     */
    public Parsed parse(String markdown, int lineOffset, Dialect dialect) {
        Parser chosen = parser(dialect);
        String text = Diagrams.blocksAsFences(markdown);
        MappedText blocks = PythonBlocks.rewrite(text);
        MappedText inHtml = MarkdownInHtml.rewrite(blocks == null ? text : blocks.markdown());
        inHtml = inHtml == null ? blocks : inHtml.through(blocks);
        MappedText tabbed = TabbedBlocks.rewrite(inHtml == null ? text : inHtml.markdown(),
                label -> inline(chosen, label)).through(inHtml);
        Document document = chosen.parse(tabbed.markdown());
        HeadingIds.assign(document);
        document.set(LINE_OFFSET, lineOffset);
        document.set(SOURCE_LINES, tabbed.sourceLines());
        document.set(LINE_STARTS, lineStarts(tabbed.markdown()));
        document.set(Admonitions.TITLES, (title, block) -> inline(chosen, title, document, block));
        return new Parsed(document, lineOffset);
    }

    /** A tab's label as inline HTML (its links, if any, as written); escaped as written if it is not one paragraph. */
    private String inline(Parser chosen, String markdown) {
        String html = PLAIN.matcher(markdown).matches() ? null : unwrapped(renderer.render(chosen.parse(markdown)));
        return html != null ? html : Escaping.escapeHtml(markdown, false);
    }

    /**
     * A line of Markdown inside a page (an admonition's title) as inline HTML, its links rewritten as the page's are
     * and reported at the line of {@code at}.
     */
    private String inline(Parser chosen, String markdown, Document page, Node at) {
        if (PLAIN.matcher(markdown).matches()) {
            return Escaping.escapeHtml(markdown, false);
        }
        Document line = chosen.parse(markdown);
        line.set(REWRITER, REWRITER.get(page));
        line.set(LINE_OFFSET, LINE_OFFSET.get(page));
        int rewritten = lineOf(LINE_STARTS.get(page), at.getStartOffset());
        int[] sourceLines = SOURCE_LINES.get(page);
        line.set(SOURCE_LINES, new int[] {rewritten < sourceLines.length ? sourceLines[rewritten] : rewritten});
        String html = renderer.render(line);
        String inner = unwrapped(html);
        return inner != null ? inner : html.strip();
    }

    /** A rendered line's HTML without the paragraph around it, or null when it is not one paragraph. */
    private static String unwrapped(String rendered) {
        String html = rendered.strip();
        return html.startsWith("<p>") && html.endsWith("</p>") ? html.substring(3, html.length() - 4) : null;
    }

    /** Renders a parsed page to sanitised HTML, passing every link and image URL through {@code rewriter}. */
    public String render(Parsed page, UrlRewriter rewriter) {
        return render(page, rewriter, (line, message) -> { });
    }

    /**
     * Renders a parsed page to sanitised HTML, passing every link and image URL through {@code rewriter} and telling
     * {@code warnings} of what could not be rendered as written.
     */
    public String render(Parsed page, UrlRewriter rewriter, Warnings warnings) {
        Document document = page.document;
        document.set(REWRITER, rewriter);
        document.set(Diagrams.PROBLEMS, (offset, message) -> warnings.warn(fileLine(document, offset), message));
        String html = HtmlSanitizer.clean(Footnotes.asMkDocs(renderer.render(page.document), page.document),
                remoteImages);
        return Emoji.INDEX.get(page.document) == EmojiIndex.MATERIAL ? Emoji.withIcons(html) : html;
    }

    /** Renders Markdown with URLs left as written. */
    public String render(String markdown) {
        return render(markdown, Dialect.MKDOCS);
    }

    /** Renders Markdown in a dialect, with URLs left as written. */
    public String render(String markdown, Dialect dialect) {
        return render(parse(markdown, 0, dialect), (url, line) -> url);
    }

    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        for (int i = 0, line = 1; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    /** The 0-based line of an offset. */
    private static int lineOf(int[] starts, int offset) {
        int found = Arrays.binarySearch(starts, offset);
        return found >= 0 ? found : -found - 2;
    }

    /** The 1-based line of the file at an offset of the parsed (rewritten) text. */
    private static int fileLine(Document document, int offset) {
        int rewritten = lineOf(LINE_STARTS.get(document), offset);
        int[] sourceLines = SOURCE_LINES.get(document);
        int source = rewritten < sourceLines.length ? sourceLines[rewritten] : rewritten;
        return source + 1 + LINE_OFFSET.get(document);
    }

    private static final class RewritingResolverFactory extends IndependentLinkResolverFactory {
        @Override
        public LinkResolver apply(LinkResolverBasicContext context) {
            return (node, ctx, link) -> {
                if (link.getLinkType() != LinkType.LINK && link.getLinkType() != LinkType.IMAGE) {
                    // A reference with no definition ([text] or [text][id]) is asked for here too: left unknown,
                    // flexmark shows it as the text it is, as Python-Markdown does. Defined ones come as LINK.
                    return link;
                }
                int line = fileLine(ctx.getDocument(), node.getStartOffset());
                String url = REWRITER.get(ctx.getDocument()).apply(link.getUrl(), line);
                return link.withUrl(url).withStatus(LinkStatus.VALID);
            };
        }
    }
}
