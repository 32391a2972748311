package dev.paved.docs;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.parser.LightInlineParser;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Entities;

/**
 * {@code pymdownx.keys}, which TechDocs enables: {@code ++ctrl+alt+del++} is a key combination, each key a
 * {@code <kbd>} named as pymdown-extensions names it ({@code keys.tsv}, generated from its key map) or a quoted
 * label ({@code ++ctrl+"My key"++}). A combination naming a key that is not in the map is left as written, as
 * pymdown-extensions leaves it.
 */
final class Keys implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

    /** How each key name is shown, aliases resolved. */
    private static final Map<String, Key> NAMES = read();

    /** A key: its class ({@code key-…}, empty for a quoted label) and what it shows. */
    record Key(String name, String shown) {
    }

    /** A combination of keys. */
    static final class Combination extends Node {
        final List<Key> keys;

        Combination(BasedSequence chars, List<Key> keys) {
            super(chars);
            this.keys = List.copyOf(keys);
        }

        @Override
        public BasedSequence[] getSegments() {
            return EMPTY_SEGMENTS;
        }
    }

    private Keys() {
    }

    static Keys create() {
        return new Keys();
    }

    /** The keys written between {@code ++ … ++}, or empty when one of them is not a key. */
    static Optional<List<Key>> parse(String written) {
        List<Key> keys = new ArrayList<>();
        for (String part : written.split("\\+", -1)) {
            if (part.length() >= 2 && (part.charAt(0) == '"' || part.charAt(0) == '\'')
                    && part.charAt(part.length() - 1) == part.charAt(0)) {
                String label = unescape(part.substring(1, part.length() - 1), part.charAt(0));
                if (label == null) {
                    return Optional.empty();
                }
                keys.add(new Key("", label));
            } else if (NAMES.containsKey(part)) {
                keys.add(NAMES.get(part));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(keys);
    }

    /** A quoted label's text: backslash escapes undone; null when a quote is left unescaped inside. */
    private static String unescape(String quoted, char quote) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                out.append(quoted.charAt(++i));
            } else if (c == quote) {
                return null;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void extend(Parser.Builder parser) {
        parser.customInlineParserExtensionFactory(new FlexmarkHooks.InlineSyntax("+") {
            @Override
            boolean parse(LightInlineParser inline) {
                return combination(inline);
            }
        });
    }

    private static boolean combination(LightInlineParser parser) {
        BasedSequence input = parser.getInput();
        int start = parser.getIndex();
        if (start + 1 >= input.length() || input.charAt(start + 1) != '+'
                || start > 0 && input.charAt(start - 1) == '+') {
            return false;
        }
        int end = input.indexOf("++", start + 2);
        if (end < 0 || end == start + 2) {
            return false;
        }
        String written = input.subSequence(start + 2, end).toString();
        if (written.contains("\n")) {
            return false;
        }
        Optional<List<Key>> keys = parse(written);
        if (keys.isEmpty()) {
            return false;
        }
        parser.flushTextNode();
        parser.appendNode(new Combination(input.subSequence(start, end + 2), keys.get()));
        parser.setIndex(end + 2);
        return true;
    }

    @Override
    public void extend(HtmlRenderer.Builder renderer, String rendererType) {
        renderer.nodeRendererFactory(options -> FlexmarkHooks.rendering(Combination.class, Keys::render));
    }

    private static void render(Combination node, NodeRendererContext context, HtmlWriter html) {
        StringBuilder out = new StringBuilder("<span class=\"keys\">");
        for (int i = 0; i < node.keys.size(); i++) {
            Key key = node.keys.get(i);
            if (i > 0) {
                out.append("<span>+</span>");
            }
            out.append(key.name().isEmpty() ? "<kbd>" : "<kbd class=\"key-" + key.name() + "\">")
                    .append(Entities.escape(key.shown())).append("</kbd>");
        }
        html.raw(out.append("</span>"));
    }

    private static Map<String, Key> read() {
        Map<String, String> shown = new HashMap<>();
        Map<String, String> aliases = new HashMap<>();
        for (String line : Bundled.text("/paved/docs/keys.tsv").split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 3 && f[0].equals("key")) {
                shown.put(f[1], f[2]);
            } else if (f.length == 3 && f[0].equals("alias")) {
                aliases.put(f[1], f[2]);
            }
        }
        Map<String, Key> names = new HashMap<>();
        shown.forEach((name, text) -> names.put(name, new Key(name, text)));
        aliases.forEach((alias, name) -> {
            if (shown.containsKey(name)) {
                names.put(alias, new Key(name, shown.get(name)));
            }
        });
        return Map.copyOf(names);
    }

    @Override
    public void parserOptions(MutableDataHolder options) {
    }

    @Override
    public void rendererOptions(MutableDataHolder options) {
    }
}
