package dev.paved.docs;

import com.vladsch.flexmark.ext.admonition.AdmonitionBlock;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataKey;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.Escaping;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Admonitions as Python-Markdown's {@code admonition} and {@code pymdownx.details} write them, which TechDocs both
 * enable: {@code !!! type "Title"} becomes {@code <div class="admonition type">} with a {@code p.admonition-title},
 * {@code ???} and {@code ???+} a {@code <details class="type">} (open with {@code +}) with a {@code <summary>}. The
 * type is the word as written, lower-cased, whether or not a theme knows it; the title is Markdown (emphasis, code,
 * links), the type capitalised when none is given, and none at all for {@code !!! type ""}.
 *
 * <p>flexmark reads the blocks; this replaces its rendering, which maps unknown types to {@code note} and shows the
 * title as written. Registered after flexmark's admonition extension: the handler registered last for a node is the one used.
 */
final class Admonitions implements HtmlRenderer.HtmlRendererExtension {

    /** Renders a title's Markdown to inline HTML, given the block it belongs to (for line numbers of its links). */
    @FunctionalInterface
    interface TitleRenderer {
        String html(String markdown, Node block);
    }

    /** How a document's titles are rendered; by default as escaped text. */
    static final DataKey<TitleRenderer> TITLES = new DataKey<>("PAVED_ADMONITION_TITLES",
            (TitleRenderer) (markdown, block) -> Escaping.escapeHtml(markdown, false));

    private Admonitions() {
    }

    static Admonitions create() {
        return new Admonitions();
    }

    @Override
    public void extend(HtmlRenderer.Builder renderer, String rendererType) {
        renderer.nodeRendererFactory(options -> FlexmarkHooks.rendering(AdmonitionBlock.class, Admonitions::render));
    }

    private static void render(AdmonitionBlock block, NodeRendererContext context, HtmlWriter html) {
        String type = block.getInfo().toString().toLowerCase(Locale.ROOT);
        boolean collapsible = block.getOpeningMarker().startsWith("???");
        boolean titled = block.getTitleOpeningMarker().isNotNull();
        String title = titled ? block.getTitle().toString() : capitalised(type);
        String titleHtml = title.isEmpty() ? "" : TITLES.get(context.getDocument()).html(title, block);
        if (title.indexOf('<') >= 0) {
            // Raw HTML in a title stays inside it: an unclosed tag would otherwise take in the admonition's body.
            Document fragment = Jsoup.parseBodyFragment(titleHtml);
            fragment.outputSettings().prettyPrint(false);
            titleHtml = fragment.body().html();
        }
        html.line();
        if (collapsible) {
            html.raw("<details class=\"" + type + "\"" + (block.getOpeningMarker().endsWith("+") ? " open" : "")
                    + ">").line();
            html.raw("<summary>" + titleHtml + "</summary>").line();
            context.renderChildren(block);
            html.line().raw("</details>").line();
        } else {
            html.raw("<div class=\"admonition " + type + "\">").line();
            if (!title.isEmpty()) {
                html.raw("<p class=\"admonition-title\">" + titleHtml + "</p>").line();
            }
            context.renderChildren(block);
            html.line().raw("</div>").line();
        }
    }

    /** Python's {@code str.capitalize}: the first letter upper case, the rest lower. */
    private static String capitalised(String type) {
        return type.isEmpty() ? type : type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1);
    }

    @Override
    public void rendererOptions(MutableDataHolder options) {
    }
}
