package dev.paved.docs;

import com.vladsch.flexmark.ast.AnchorRefTarget;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.html.renderer.HtmlIdGenerator;
import com.vladsch.flexmark.html.renderer.HeaderIdGeneratorFactory;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heading ids as MkDocs makes them (Python-Markdown's {@code toc} extension, which TechDocs enables): the heading's
 * text decomposed and reduced to ASCII (accents dropped, {@code ™} becomes {@code tm}, emoji and other scripts
 * vanish), everything but letters, digits, {@code _}, {@code -} and spaces dropped, lower case, runs of spaces and
 * dashes made one dash; a repeated id takes {@code _1}, {@code _2}… and an empty one is {@code _1}. Links written
 * against MkDocs' anchors ({@code page.md#setup_1}) then find theirs here.
 */
final class HeadingIds {

    private static final Pattern NOT_WORD = Pattern.compile("[^\\w\\s-]");
    private static final Pattern SEPARATORS = Pattern.compile("[-\\s]+");
    private static final Pattern COUNTED = Pattern.compile("^(.*)_([0-9]+)$");

    private HeadingIds() {
    }

    /**
     * Gives every heading of a page without an id of its own ({@code {#id}}) its MkDocs id, made unique among all the
     * page's heading ids, as MkDocs does: ids written by the author first, then the others in order.
     */
    static void assign(Document document) {
        Set<String> used = new HashSet<>();
        List<Heading> headings = new ArrayList<>();
        for (Node node : document.getDescendants()) {
            if (node instanceof Heading h) {
                headings.add(h);
                if (h.isExplicitAnchorRefId() && h.getAnchorRefId() != null) {
                    used.add(h.getAnchorRefId());
                }
            }
        }
        TextCollectingVisitor text = new TextCollectingVisitor();
        for (Heading h : headings) {
            if (!h.isExplicitAnchorRefId() || h.getAnchorRefId() == null) {
                h.setAnchorRefId(unique(slug(text.collectAndGetText(h)), used));
            }
        }
    }

    /** What renders the ids {@link #assign} gave: each heading's own. */
    static final HeaderIdGeneratorFactory RENDERED = new HeaderIdGeneratorFactory() {
        @Override
        public HtmlIdGenerator create(LinkResolverContext context) {
            return create();
        }

        @Override
        public HtmlIdGenerator create() {
            return GIVEN;
        }
    };

    private static final HtmlIdGenerator GIVEN = new HtmlIdGenerator() {
        @Override
        public void generateIds(Document document) {
            // given when the page was parsed
        }

        @Override
        public String getId(Node node) {
            return node instanceof AnchorRefTarget target ? target.getAnchorRefId() : null;
        }

        @Override
        public String getId(CharSequence text) {
            return slug(text.toString());
        }
    };

    /** The id of a heading whose text is {@code text}, before it is made unique. */
    static String slug(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder ascii = new StringBuilder(decomposed.length());
        decomposed.chars().filter(c -> c < 128).forEach(c -> ascii.append((char) c));
        String kept = NOT_WORD.matcher(ascii).replaceAll("").strip().toLowerCase(Locale.ROOT);
        return SEPARATORS.matcher(kept).replaceAll("-");
    }

    /** {@code id}, or the first of {@code id_1}, {@code id_2}… not in {@code used}; added to {@code used}. */
    static String unique(String id, Set<String> used) {
        String candidate = id;
        while (candidate.isEmpty() || used.contains(candidate)) {
            Matcher m = COUNTED.matcher(candidate);
            candidate = m.matches() ? m.group(1) + "_" + (Long.parseLong(m.group(2)) + 1) : candidate + "_1";
        }
        used.add(candidate);
        return candidate;
    }
}
