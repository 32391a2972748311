package dev.paved.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the tabs of MkDocs' {@code pymdownx.tabbed} ({@code === "Label"} followed by indented content) into HTML
 * blocks that CommonMark renders around Markdown, and that the theme's script turns into tabs. Fenced code is left
 * alone. The rewrite adds lines, so it keeps a map back to the source's line numbers for diagnostics.
 */
final class TabbedBlocks {

    private static final Pattern TAB = Pattern.compile("^(\\s*)===\\+?\\s+\"(.*)\"\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");

    /** The rewritten Markdown and, for each of its lines (0-based), the 0-based line of the source it came from. */
    record Result(String markdown, int[] sourceLines) {
    }

    private TabbedBlocks() {
    }

    static Result rewrite(String markdown) {
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
            add(out, map, indent + "<div class=\"tabbed-set\">", i);
            while (i < lines.length) {
                Matcher next = TAB.matcher(lines[i]);
                if (!next.matches() || !next.group(1).equals(indent)) {
                    break;
                }
                add(out, map, indent + "<div class=\"tabbed-block\" data-label=\"" + escape(next.group(2)) + "\">", i);
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
            add(out, map, indent + "</div>", i - 1);
            add(out, map, "", i - 1);
        }
        return new Result(String.join("\n", out), map.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void add(List<String> out, List<Integer> map, String line, int source) {
        out.add(line);
        map.add(Math.max(source, 0));
    }

    private static String escape(String label) {
        return label.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
