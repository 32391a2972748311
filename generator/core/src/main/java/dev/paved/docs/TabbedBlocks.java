package dev.paved.docs;

import java.util.ArrayList;
import java.util.List;
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

    /** The rewritten Markdown and, for each of its lines (0-based), the 0-based line of the source it came from. */
    record Result(String markdown, int[] sourceLines) {

        /** This rewrite of an earlier rewrite's text, its lines mapped through the earlier one back to the source. */
        Result through(Result earlier) {
            if (earlier == null) {
                return this;
            }
            int[] lines = new int[sourceLines.length];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = earlier.sourceLines[Math.min(sourceLines[i], earlier.sourceLines.length - 1)];
            }
            return new Result(markdown, lines);
        }
    }

    private TabbedBlocks() {
    }

    /**
     * Rewrites a page's tabs.
     *
     * @param labelHtml a tab's label (Markdown, as written between the quotes) as inline HTML
     */
    static Result rewrite(String markdown, UnaryOperator<String> labelHtml) {
        String[] lines = markdown.split("\n", -1);
        List<String> out = new ArrayList<>();
        List<Integer> map = new ArrayList<>();
        boolean inFence = false;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            Matcher tab = inFence ? null : TAB.matcher(line);
            if (tab == null || !tab.matches()) {
                if (FENCE.matcher(line).find()) {
                    inFence = !inFence;
                }
                out.add(line);
                map.add(i);
                i++;
                continue;
            }
            String indent = tab.group(1);
            int set = out.size();
            add(out, map, indent + "<div class=\"tabbed-set tabbed-alternate\">", i);
            add(out, map, "", i); // the labels, once all are known
            add(out, map, indent + "<div class=\"tabbed-content\">", i);
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
                add(out, map, indent + "<div class=\"tabbed-block\">", i);
                add(out, map, "", i);
                i++;
                String body = indent + "    ";
                while (i < lines.length && (lines[i].isBlank() || lines[i].startsWith(body))) {
                    add(out, map, lines[i].isBlank() ? "" : indent + lines[i].substring(body.length()), i);
                    i++;
                }
                add(out, map, "", i - 1);
                add(out, map, indent + "</div>", i - 1);
                // Blank lines between two tabs of one set were consumed above.
            }
            out.set(set + 1, labels.append("</div>").toString());
            add(out, map, indent + "</div>", i - 1);
            add(out, map, indent + "</div>", i - 1);
            add(out, map, "", i - 1);
        }
        return new Result(String.join("\n", out), map.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void add(List<String> out, List<Integer> map, String line, int source) {
        out.add(line);
        map.add(Math.max(source, 0));
    }

}
