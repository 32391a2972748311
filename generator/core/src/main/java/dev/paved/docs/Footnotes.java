package dev.paved.docs;

import com.vladsch.flexmark.ext.footnotes.FootnoteBlock;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Footnotes as Python-Markdown writes them (MkDocs' {@code footnotes}): numbered in the order they are defined,
 * anchored by their label ({@code #fn:label}, references {@code #fnref:label}, a second reference
 * {@code #fnref2:label}), in a {@code <div class="footnote">}, each note's way back at the end of its last paragraph.
 * Links written against MkDocs' footnote anchors then find them.
 */
final class Footnotes {

    private static final Pattern REF = Pattern.compile("^#?fnref-(\\d+)(?:-(\\d+))?$");
    private static final Pattern NOTE = Pattern.compile("^#?fn-(\\d+)$");

    private Footnotes() {
    }

    /** Rewrites flexmark's footnotes in {@code html} to MkDocs' form. */
    static String asMkDocs(String html, Document document) {
        // By flexmark's number: each note's label, and its number in the order the notes are defined (MkDocs').
        Map<Integer, String> labels = new HashMap<>();
        Map<Integer, Integer> number = new HashMap<>();
        for (Node node : document.getDescendants()) {
            if (node instanceof FootnoteBlock block && block.getFootnoteOrdinal() > 0) {
                labels.put(block.getFootnoteOrdinal(), block.getText().toString());
                number.put(block.getFootnoteOrdinal(), number.size() + 1);
            }
        }
        if (labels.isEmpty()) {
            return html;
        }
        org.jsoup.nodes.Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        for (Element sup : doc.select("sup[id^=fnref-]")) {
            Matcher m = REF.matcher(sup.id());
            if (!m.matches() || !labels.containsKey(Integer.parseInt(m.group(1)))) {
                continue;
            }
            int ordinal = Integer.parseInt(m.group(1));
            sup.id(reference(labels.get(ordinal), m.group(2)));
            Element a = sup.selectFirst("a.footnote-ref");
            if (a != null) {
                a.attr("href", "#fn:" + labels.get(ordinal)).text(String.valueOf(number.get(ordinal)));
            }
        }
        for (Element list : doc.select("div.footnotes")) {
            list.removeClass("footnotes").addClass("footnote");
            Element ol = list.selectFirst("ol");
            List<Element> notes = new ArrayList<>(list.select("ol > li[id^=fn-]"));
            Map<Element, Integer> order = new IdentityHashMap<>();
            for (Element li : notes) {
                Matcher m = NOTE.matcher(li.id());
                if (!m.matches() || !labels.containsKey(Integer.parseInt(m.group(1)))) {
                    continue;
                }
                int ordinal = Integer.parseInt(m.group(1));
                order.put(li, number.get(ordinal));
                li.id("fn:" + labels.get(ordinal));
                List<Element> back = new ArrayList<>(li.select("> a.footnote-backref"));
                Element last = li.select("> p").last();
                for (int i = 0; i < back.size(); i++) {
                    Element a = back.get(i);
                    Matcher r = REF.matcher(a.attr("href"));
                    if (r.matches()) {
                        a.attr("href", "#" + reference(labels.get(ordinal), r.group(2)));
                    }
                    a.attr("title", "Jump back to footnote " + number.get(ordinal) + " in the text");
                    if (last != null) {
                        if (i == 0) {
                            last.appendText("\u00a0");
                        }
                        a.remove();
                        last.appendChild(a);
                    }
                }
            }
            if (ol != null) {
                notes.sort(Comparator.comparingInt(li -> order.getOrDefault(li, Integer.MAX_VALUE)));
                notes.forEach(li -> {
                    li.remove();
                    ol.appendChild(li);
                });
            }
        }
        return doc.body().html();
    }

    /** The id of a reference: {@code fnref:label}, then {@code fnref2:label}… for later references to one note. */
    private static String reference(String label, String repeat) {
        return repeat == null ? "fnref:" + label : "fnref" + (Integer.parseInt(repeat) + 1) + ":" + label;
    }
}
