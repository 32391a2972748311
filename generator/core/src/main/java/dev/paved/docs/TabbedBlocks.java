package dev.paved.docs;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the tabs of MkDocs' {@code pymdownx.tabbed} ({@code === "Label"} followed by indented content) into HTML
 * blocks that CommonMark renders around Markdown, shaped as the extension's alternate style writes them: a
 * {@code div.tabbed-set} holding {@code div.tabbed-labels} (a {@code label} per tab, its text rendered as inline
 * Markdown, {@code .tabbed-selected} on the one {@code ===+} selects) and {@code div.tabbed-content} (a
 * {@code div.tabbed-block} per tab), which the theme's script turns into tabs. Fenced code is left alone. The rewrite
 * adds lines, so it keeps a map back to the source's line numbers for diagnostics.
 */
final class TabbedBlocks {

    private static final Pattern TAB = Pattern.compile("^(\\s*)===(\\+?)\\s+\"(.*)\"\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");

    private TabbedBlocks() {
    }

    /**
     * Rewrites a page's tabs.
     *
     * @param labelHtml a tab's label (Markdown, as written between the quotes) as inline HTML
     */
    static MappedText rewrite(String markdown, UnaryOperator<String> labelHtml) {
        String[] lines = markdown.split("\n", -1);
        MappedText.Lines out = new MappedText.Lines();
        boolean inFence = false;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            Matcher tab = inFence ? null : TAB.matcher(line);
            if (tab == null || !tab.matches()) {
                if (FENCE.matcher(line).find()) {
                    inFence = !inFence;
                }
                out.add(line, i);
                i++;
                continue;
            }
            String indent = tab.group(1);
            int set = out.size();
            out.add(indent + "<div class=\"tabbed-set tabbed-alternate\">", i);
            out.add("", i); // the labels, once all are known
            out.add(indent + "<div class=\"tabbed-content\">", i);
            StringBuilder labels = new StringBuilder(indent + "<div class=\"tabbed-labels\">");
            boolean selected = false;
            while (i < lines.length) {
                Matcher next = TAB.matcher(lines[i]);
                if (!next.matches() || !next.group(1).equals(indent)) {
                    break;
                }
                boolean select = !selected && !next.group(2).isEmpty();
                selected |= select;
                labels.append(select ? "<label class=\"tabbed-selected\">" : "<label>")
                        .append(labelHtml.apply(next.group(3))).append("</label>");
                out.add(indent + "<div class=\"tabbed-block\">", i);
                out.add("", i);
                i++;
                String body = indent + "    ";
                while (i < lines.length && (lines[i].isBlank() || lines[i].startsWith(body))) {
                    out.add(lines[i].isBlank() ? "" : indent + lines[i].substring(body.length()), i);
                    i++;
                }
                out.add("", i - 1);
                out.add(indent + "</div>", i - 1);
                // Blank lines between two tabs of one set were consumed above.
            }
            out.set(set + 1, labels.append("</div>").toString());
            out.add(indent + "</div>", i - 1);
            out.add(indent + "</div>", i - 1);
            out.add("", i - 1);
        }
        return out.text();
    }
}
