package dev.paved.docs;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.parser.InlineParser;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.core.delimiter.Delimiter;
import com.vladsch.flexmark.parser.delimiter.DelimiterProcessor;
import com.vladsch.flexmark.parser.delimiter.DelimiterRun;
import com.vladsch.flexmark.util.ast.DelimitedNode;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;

/**
 * The inline marks of pymdown-extensions that TechDocs enables: {@code ==text==} is {@code <mark>}
 * ({@code pymdownx.mark}), {@code ^^text^^} is {@code <ins>} and {@code ^text^} is {@code <sup>}
 * ({@code pymdownx.caret}). ({@code pymdownx.tilde}'s {@code ~~del~~} and {@code ~sub~} are flexmark's
 * strikethrough-and-subscript extension.) A mark opens where its run can open emphasis and closes where it can close
 * one, as pymdown's do.
 */
final class InlineMarks implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

    private InlineMarks() {
    }

    static InlineMarks create() {
        return new InlineMarks();
    }

    /** A run of marked text and the element it becomes. */
    static final class Marked extends Node implements DelimitedNode {
        private final String tag;
        private BasedSequence openingMarker = BasedSequence.NULL;
        private BasedSequence text = BasedSequence.NULL;
        private BasedSequence closingMarker = BasedSequence.NULL;

        Marked(String tag, BasedSequence openingMarker, BasedSequence closingMarker) {
            super(openingMarker.baseSubSequence(openingMarker.getStartOffset(), closingMarker.getEndOffset()));
            this.tag = tag;
            this.openingMarker = openingMarker;
            this.closingMarker = closingMarker;
        }

        @Override
        public BasedSequence[] getSegments() {
            return new BasedSequence[] {openingMarker, text, closingMarker};
        }

        @Override
        public BasedSequence getOpeningMarker() {
            return openingMarker;
        }

        @Override
        public void setOpeningMarker(BasedSequence openingMarker) {
            this.openingMarker = openingMarker;
        }

        @Override
        public BasedSequence getText() {
            return text;
        }

        @Override
        public void setText(BasedSequence text) {
            this.text = text;
        }

        @Override
        public BasedSequence getClosingMarker() {
            return closingMarker;
        }

        @Override
        public void setClosingMarker(BasedSequence closingMarker) {
            this.closingMarker = closingMarker;
        }
    }

    /** Runs of one character: the element a run of one and of two of them makes (null: none). */
    private record Marks(char character, String single, String pair) implements DelimiterProcessor {

        @Override
        public char getOpeningCharacter() {
            return character;
        }

        @Override
        public char getClosingCharacter() {
            return character;
        }

        @Override
        public int getMinLength() {
            return single == null ? 2 : 1;
        }

        @Override
        public int getDelimiterUse(DelimiterRun opener, DelimiterRun closer) {
            if (pair != null && opener.length() >= 2 && closer.length() >= 2) {
                return 2;
            }
            return single != null ? 1 : 0;
        }

        @Override
        public void process(Delimiter opener, Delimiter closer, int used) {
            Marked node = new Marked(used == 2 ? pair : single, opener.getTailChars(used), closer.getLeadChars(used));
            opener.moveNodesBetweenDelimitersTo(node, closer);
        }

        @Override
        public Node unmatchedDelimiterNode(InlineParser inlineParser, DelimiterRun delimiter) {
            return null;
        }

        @Override
        public boolean canBeOpener(String before, String after, boolean leftFlanking, boolean rightFlanking,
                                   boolean beforeIsPunctuation, boolean afterIsPunctuation,
                                   boolean beforeIsWhitespace, boolean afterIsWhiteSpace) {
            return leftFlanking;
        }

        @Override
        public boolean canBeCloser(String before, String after, boolean leftFlanking, boolean rightFlanking,
                                   boolean beforeIsPunctuation, boolean afterIsPunctuation,
                                   boolean beforeIsWhitespace, boolean afterIsWhiteSpace) {
            return rightFlanking;
        }

        @Override
        public boolean skipNonOpenerCloser() {
            return false;
        }
    }

    @Override
    public void extend(Parser.Builder parser) {
        parser.customDelimiterProcessor(new Marks('=', null, "mark"));
        parser.customDelimiterProcessor(new Marks('^', "sup", "ins"));
    }

    @Override
    public void extend(HtmlRenderer.Builder renderer, String rendererType) {
        renderer.nodeRendererFactory(options -> FlexmarkHooks.rendering(Marked.class, InlineMarks::render));
    }

    private static void render(Marked node, NodeRendererContext context, HtmlWriter html) {
        html.withAttr().tag(node.tag);
        context.renderChildren(node);
        html.closeTag(node.tag);
    }

    @Override
    public void parserOptions(MutableDataHolder options) {
    }

    @Override
    public void rendererOptions(MutableDataHolder options) {
    }
}
