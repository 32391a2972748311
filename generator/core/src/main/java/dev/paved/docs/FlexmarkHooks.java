package dev.paved.docs;

import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.parser.InlineParser;
import com.vladsch.flexmark.parser.InlineParserExtension;
import com.vladsch.flexmark.parser.InlineParserExtensionFactory;
import com.vladsch.flexmark.parser.LightInlineParser;
import com.vladsch.flexmark.util.ast.Node;
import java.util.Set;

/** The two ways the Markdown extensions here plug into flexmark, each written once. */
final class FlexmarkHooks {

    private FlexmarkHooks() {
    }

    /**
     * An inline syntax tried where one of its characters is met. Each syntax is its own (anonymous) subclass: flexmark
     * keeps one factory per class.
     */
    abstract static class InlineSyntax implements InlineParserExtensionFactory {
        private final String characters;

        InlineSyntax(String characters) {
            this.characters = characters;
        }

        /** Reads from the parser's index; whether it took the input (and moved the index past it). */
        abstract boolean parse(LightInlineParser parser);

        @Override
        public CharSequence getCharacters() {
            return characters;
        }

        @Override
        public InlineParserExtension apply(LightInlineParser inline) {
            return new InlineParserExtension() {
                @Override
                public void finalizeDocument(InlineParser inlineParser) {
                }

                @Override
                public void finalizeBlock(InlineParser inlineParser) {
                }

                @Override
                public boolean parse(LightInlineParser parser) {
                    return InlineSyntax.this.parse(parser);
                }
            };
        }

        @Override
        public Set<Class<?>> getAfterDependents() {
            return null;
        }

        @Override
        public Set<Class<?>> getBeforeDependents() {
            return null;
        }

        @Override
        public boolean affectsGlobalScope() {
            return false;
        }
    }

    /**
     * Renders nodes of one type (replacing the rendering registered before it for that type). Give it from a lambda
     * of the extension's own ({@code options -> rendering(…)}): flexmark keeps one renderer factory per class.
     */
    static <N extends Node> NodeRenderer rendering(Class<N> type, NodeRenderingHandler.CustomNodeRenderer<N> render) {
        Set<NodeRenderingHandler<?>> handlers = Set.of(new NodeRenderingHandler<>(type, render));
        return () -> handlers;
    }
}
