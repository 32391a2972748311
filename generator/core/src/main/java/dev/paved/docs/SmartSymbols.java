package dev.paved.docs;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pymdownx.smartsymbols}, which TechDocs enables: in text (not code), {@code (tm)} {@code (c)} {@code (r)}
 * become ™ © ®, {@code c/o} ℅, {@code +/-} ±, {@code -->} {@code <--} {@code <-->} arrows, {@code =/=} ≠, the
 * common fractions their characters (not inside a longer number), and ordinals such as {@code 21st} a number with a
 * superscript suffix (only with the suffix English gives that number).
 */
final class SmartSymbols implements HtmlRenderer.HtmlRendererExtension {

    private static final Map<String, String> SYMBOLS = Map.ofEntries(Map.entry("(tm)", "™"), Map.entry("(c)", "©"),
            Map.entry("(r)", "®"), Map.entry("c/o", "℅"), Map.entry("+/-", "±"), Map.entry("<-->", "↔"),
            Map.entry("-->", "→"), Map.entry("<--", "←"), Map.entry("=/=", "≠"), Map.entry("1/4", "¼"),
            Map.entry("1/2", "½"), Map.entry("3/4", "¾"), Map.entry("1/3", "⅓"), Map.entry("2/3", "⅔"),
            Map.entry("1/5", "⅕"), Map.entry("2/5", "⅖"), Map.entry("3/5", "⅗"), Map.entry("4/5", "⅘"),
            Map.entry("1/6", "⅙"), Map.entry("5/6", "⅚"), Map.entry("1/8", "⅛"), Map.entry("3/8", "⅜"),
            Map.entry("5/8", "⅝"), Map.entry("7/8", "⅞"));
    private static final Pattern FOUND = Pattern.compile(
            "\\(tm\\)|\\(c\\)|\\(r\\)|c/o|\\+/-|<-->|-->|<--|=/="
                    + "|(?<![0-9])(?:[1-7]/[2-8])(?![0-9])"
                    + "|(?<![\\w])([0-9]+)(st|nd|rd|th)(?![\\w])");

    private SmartSymbols() {
    }

    static SmartSymbols create() {
        return new SmartSymbols();
    }

    @Override
    public void extend(HtmlRenderer.Builder renderer, String rendererType) {
        renderer.nodeRendererFactory(options -> FlexmarkHooks.rendering(Text.class, SmartSymbols::render));
    }

    private static void render(Text node, NodeRendererContext context, HtmlWriter html) {
        String text = node.getChars().unescape();
        if (inCode(node)) {
            html.text(text);
            return;
        }
        Matcher m = FOUND.matcher(text);
        int at = 0;
        while (m.find()) {
            String replacement;
            String suffix = null;
            if (m.group(1) != null) {
                if (!m.group(2).equals(ordinal(m.group(1)))) {
                    continue;
                }
                replacement = m.group(1);
                suffix = m.group(2);
            } else {
                replacement = SYMBOLS.get(m.group());
                if (replacement == null) {
                    continue; // a fraction with no character of its own
                }
            }
            html.text(text.substring(at, m.start()));
            html.text(replacement);
            if (suffix != null) {
                html.raw("<sup>" + suffix + "</sup>");
            }
            at = m.end();
        }
        html.text(text.substring(at));
    }

    /** The suffix English gives a number: 1st, 2nd, 3rd, 4th… 11th–13th, 21st. */
    static String ordinal(String number) {
        int lastTwo = Integer.parseInt(number.length() > 2 ? number.substring(number.length() - 2) : number) % 100;
        if (lastTwo >= 11 && lastTwo <= 13) {
            return "th";
        }
        return switch (lastTwo % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private static boolean inCode(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof Code) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void rendererOptions(MutableDataHolder options) {
    }
}
