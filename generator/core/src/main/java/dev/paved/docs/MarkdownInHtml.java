package dev.paved.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python-Markdown's {@code md_in_html} (part of {@code pymdownx.extra}, which TechDocs enables): the content of an
 * HTML element whose start tag has a {@code markdown} attribute ({@code <div markdown>}, {@code <figure
 * markdown="1">}) is Markdown. Rewritten here as the element's tags on lines of their own with blank lines around
 * the content, which CommonMark then renders as Markdown between two HTML blocks; the attribute is dropped, as
 * Python-Markdown drops it. Elements inside such an element are rewritten the same way; fenced code is left alone,
 * and an element that is never closed is left as written. The rewrite adds lines, so it keeps a map back to the
 * source's lines.
 */
final class MarkdownInHtml {

    private static final Pattern START = Pattern.compile("^(\\s*)<([a-zA-Z][a-zA-Z0-9-]*)(\\s[^>]*?)?\\s*(/?)>(.*)$");
    private static final Pattern MARKDOWN_ATTRIBUTE = Pattern.compile(
            "\\s+markdown(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s\"'>]+))?(?=\\s|$)");
    /**
     * The elements Python-Markdown 3.4 treats as blocks (its {@code block_level_elements}): HTML starting a line with
     * one of them is an HTML block, any other tag is inline HTML in a paragraph (CommonMark also takes {@code center},
     * {@code dialog}… and any tag alone on its line for blocks).
     */
    static final List<String> BLOCK_ELEMENTS = List.of("address", "article", "aside", "blockquote", "body", "canvas",
            "colgroup", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
            "group", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "iframe", "legend", "li", "main",
            "map", "math", "menu", "nav", "noscript", "object", "ol", "option", "output", "p", "pre", "progress",
            "script", "section", "style", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr",
            "ul", "video");
    private static final Set<String> BLOCKS = Set.copyOf(BLOCK_ELEMENTS);
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");

    private MarkdownInHtml() {
    }

    static MappedText rewrite(String markdown) {
        if (!markdown.contains("markdown")) {
            return null;
        }
        String[] lines = markdown.split("\n", -1);
        MappedText.Lines out = new MappedText.Lines();
        List<Integer> sources = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            sources.add(i);
        }
        rewrite(List.of(lines), sources, out);
        return out.text();
    }

    private static void rewrite(List<String> lines, List<Integer> sources, MappedText.Lines out) {
        boolean inFence = false;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher start = inFence ? null : START.matcher(line);
            Matcher attribute = start != null && start.matches() && start.group(3) != null && start.group(4).isEmpty()
                    && BLOCKS.contains(start.group(2).toLowerCase(Locale.ROOT))
                    ? MARKDOWN_ATTRIBUTE.matcher(start.group(3)) : null;
            int end = attribute != null && attribute.find() ? closing(lines, i, start.group(2), start.end(4) + 1) : -1;
            if (end < 0) {
                if (FENCE.matcher(line).find()) {
                    inFence = !inFence;
                }
                out.add(line, sources.get(i));
                i++;
                continue;
            }
            String indent = start.group(1);
            String tag = start.group(2);
            String attributes = MARKDOWN_ATTRIBUTE.matcher(start.group(3)).replaceFirst("");
            // The content: the rest of the start line, the lines between, and the end line up to the end tag.
            List<String> content = new ArrayList<>();
            List<Integer> contentSources = new ArrayList<>();
            String closingTag = "</" + tag;
            if (end == i) {
                String rest = start.group(5);
                int close = rest.toLowerCase(Locale.ROOT).lastIndexOf(closingTag.toLowerCase(Locale.ROOT));
                content.add(indent + rest.substring(0, close).strip());
                contentSources.add(sources.get(i));
            } else {
                if (!start.group(5).isBlank()) {
                    content.add(indent + start.group(5).strip());
                    contentSources.add(sources.get(i));
                }
                for (int j = i + 1; j < end; j++) {
                    content.add(lines.get(j));
                    contentSources.add(sources.get(j));
                }
                String last = lines.get(end);
                int close = last.toLowerCase(Locale.ROOT).lastIndexOf(closingTag.toLowerCase(Locale.ROOT));
                if (!last.substring(0, close).isBlank()) {
                    content.add(last.substring(0, close));
                    contentSources.add(sources.get(end));
                }
            }
            dedent(content, indent.length());
            out.add(indent + "<" + tag + attributes + ">", sources.get(i));
            out.add("", sources.get(i));
            rewrite(content, contentSources, out);
            out.add("", sources.get(end));
            out.add(indent + "</" + tag + ">", sources.get(end));
            String after = lines.get(end);
            after = after.substring(after.toLowerCase(Locale.ROOT).lastIndexOf(closingTag.toLowerCase(Locale.ROOT)));
            after = after.substring(after.indexOf('>') + 1);
            if (!after.isBlank()) {
                out.add("", sources.get(end));
                out.add(indent + after.strip(), sources.get(end));
            }
            i = end + 1;
        }
    }

    /**
     * Content indented deeper than its element's tags, as HTML often is, taken back to the tags' indent when the
     * element is itself inside a block (an admonition, a list): Python-Markdown leaves such an element as HTML and
     * renders its inline Markdown, where four more spaces here would make a code block. At the top level
     * Python-Markdown makes them a code block too, and so does this.
     */
    private static void dedent(List<String> content, int indent) {
        int least = Integer.MAX_VALUE;
        for (String line : content) {
            if (!line.isBlank()) {
                int spaces = 0;
                while (spaces < line.length() && line.charAt(spaces) == ' ') {
                    spaces++;
                }
                least = Math.min(least, spaces);
            }
        }
        if (indent == 0 || least == Integer.MAX_VALUE || least <= indent) {
            return;
        }
        for (int k = 0; k < content.size(); k++) {
            String line = content.get(k);
            content.set(k, line.isBlank() ? "" : line.substring(0, indent) + line.substring(least));
        }
    }

    /**
     * The line holding the end tag that closes the element started on line {@code from} (elements of the same name
     * nest), searching from column {@code column} of that line; -1 if it is never closed.
     */
    private static int closing(List<String> lines, int from, String tag, int column) {
        Pattern tags = Pattern.compile("<(/?)" + Pattern.quote(tag) + "(?=[\\s>/])", Pattern.CASE_INSENSITIVE);
        int depth = 1;
        for (int j = from; j < lines.size(); j++) {
            String text = j == from ? lines.get(j).substring(Math.min(column, lines.get(j).length())) : lines.get(j);
            Matcher m = tags.matcher(text);
            while (m.find()) {
                depth += m.group(1).isEmpty() ? 1 : -1;
                if (depth == 0) {
                    return j;
                }
            }
        }
        return -1;
    }
}
