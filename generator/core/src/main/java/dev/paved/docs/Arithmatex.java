package dev.paved.docs;

import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.parser.InlineParser;
import com.vladsch.flexmark.parser.LightInlineParser;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.AbstractBlockParser;
import com.vladsch.flexmark.parser.block.AbstractBlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockContinue;
import com.vladsch.flexmark.parser.block.BlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockStart;
import com.vladsch.flexmark.parser.block.CustomBlockParserFactory;
import com.vladsch.flexmark.parser.block.MatchedBlockParser;
import com.vladsch.flexmark.parser.block.ParserState;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.BlockContent;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.data.NullableDataKey;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pymdownx.arithmatex}, for a doc set whose {@code mkdocs.yml} lists it (TechDocs does not enable it): TeX math,
 * recognised as pymdown-extensions 9.5 recognises it and written in arithmatex's generic form, which the theme draws
 * with its vendored KaTeX.
 * <ul>
 * <li>Inline, {@code $…$} and {@code \(…\)}: {@code <span class="arithmatex">\(…\)</span>}. With smart dollars (the
 * default) the opening {@code $} is followed by no whitespace and the closing one preceded by none, so
 * {@code $5 and $10} is text. The first {@code $} (or {@code \)}) after the opening that no backslash escapes closes,
 * or nothing does.</li>
 * <li>A block of its own, up to a blank line, {@code $$…$$}, {@code \[…\]} or {@code \begin{env}…\end{env}} (a
 * lower-case environment): {@code <div class="arithmatex">\[…\]</div>}, an environment kept whole inside.</li>
 * </ul>
 * Nothing inside is Markdown, and code is never searched. {@code <}, {@code >} and an {@code &} that starts no entity
 * are escaped, as Python-Markdown escapes text.
 *
 * <p>Arithmatex matches after code spans, and again after each match with the match taken as one character; so, as
 * there, a code span inside {@code $…$} stays whole (its {@code $} closes nothing) and is rendered as code, and a
 * {@code $} that cannot close (right after the opening one, or after a space) may open math of its own, which then
 * counts as one character: inline {@code $$x$$} is math inside math. Its {@code generic: false} output (MathJax 2's
 * {@code <script type="math/tex">}, which the sanitiser would remove), wraps and tags are not followed.
 *
 * <p>A block that starts like math but is not math as a whole stays one paragraph of its lines, as a Python-Markdown
 * block that no other processor takes. (Python-Markdown would still split a heading or a rule out of it.)
 */
final class Arithmatex implements Parser.ParserExtension {

    /** Writes the math any dialect's pages hold; the parser of a dialect without math makes none. */
    static final HtmlRenderer.HtmlRendererExtension RENDERING = new Rendering();

    /** How deep math may be found inside math ({@code $$x$$} is two deep), bounding the work on a line of dollars. */
    private static final int DEPTH = 8;
    /** Python-Markdown's test of an {@code &} that starts an entity, and is then kept. */
    private static final Pattern AMPERSAND = Pattern.compile("&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BEGIN = Pattern.compile("\\\\begin\\{([a-z]+\\*?)}");
    /** The memo of the text being parsed, kept with its document. */
    private static final NullableDataKey<Memo> MEMO = new NullableDataKey<>("PAVED_ARITHMATEX_MEMO");

    private final MathSyntax syntax;

    private Arithmatex(MathSyntax syntax) {
        this.syntax = syntax;
    }

    /** The parsing of the math {@code syntax} turns on. */
    static Arithmatex create(MathSyntax syntax) {
        return new Arithmatex(syntax);
    }

    /** A piece of inline math: its TeX, a code span, or math found inside it. */
    sealed interface Part permits Tex, CodeSpan, Nested {
    }

    /** TeX as written. */
    record Tex(String text) implements Part {
    }

    /** A code span inside math (its content without the backticks). */
    record CodeSpan(String code) implements Part {
    }

    /** Math inside math. */
    record Nested(List<Part> parts) implements Part {
    }

    /** Inline math. */
    static final class InlineMath extends Node {
        final List<Part> parts;

        InlineMath(BasedSequence chars, List<Part> parts) {
            super(chars);
            this.parts = List.copyOf(parts);
        }

        @Override
        public BasedSequence[] getSegments() {
            return EMPTY_SEGMENTS;
        }
    }

    /** A block of math. */
    static final class DisplayMath extends Block {
        /** The TeX between the delimiters ({@code \begin{env}…\end{env}} whole). */
        String tex = "";

        @Override
        public BasedSequence[] getSegments() {
            return EMPTY_SEGMENTS;
        }
    }

    /**
     * What was learnt of one text while reading its math, so that reading it stays linear in its length however many
     * openings fail: the places from which {@code \(…} math reads to the end unclosed, and for each length of a run of
     * backticks, from where on no run that long follows.
     */
    private static final class Memo {
        final BasedSequence input;
        final BitSet unclosed = new BitSet();
        final Map<Integer, Integer> noRunFrom = new HashMap<>();

        Memo(BasedSequence input) {
            this.input = input;
        }
    }

    /** Inline math found, and the index just after it. */
    private record Found(List<Part> parts, int end) {
    }

    /** The parts of inline math being read: runs of text joined. */
    private static final class Parts {
        private final List<Part> parts = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        boolean isEmpty() {
            return parts.isEmpty() && text.length() == 0;
        }

        void text(CharSequence chars) {
            text.append(chars);
        }

        void add(Part part) {
            flush();
            parts.add(part);
        }

        List<Part> done() {
            flush();
            return parts;
        }

        private void flush() {
            if (text.length() > 0) {
                parts.add(new Tex(text.toString()));
                text.setLength(0);
            }
        }
    }

    @Override
    public void extend(Parser.Builder parser) {
        boolean dollar = syntax.inline().contains("dollar");
        boolean round = syntax.inline().contains("round");
        if (dollar || round) {
            parser.customInlineParserExtensionFactory(new FlexmarkHooks.InlineSyntax((dollar ? "$" : "")
                    + (round ? "\\" : "")) {
                @Override
                boolean parse(LightInlineParser inline) {
                    return inline(inline, dollar, round);
                }
            });
        }
        if (!syntax.block().isEmpty()) {
            parser.customBlockParserFactory(new BlockFactory(syntax));
        }
    }

    private boolean inline(LightInlineParser parser, boolean dollar, boolean round) {
        BasedSequence input = parser.getInput();
        int start = parser.getIndex();
        Found found = null;
        if (input.charAt(start) == '$') {
            found = dollar ? dollar(input, start, 0, memo(parser)) : null;
        } else if (round && start + 1 < input.length() && input.charAt(start + 1) == '(') {
            found = round(input, start, memo(parser));
        }
        if (found == null) {
            return false;
        }
        parser.flushTextNode();
        parser.appendNode(new InlineMath(input.subSequence(start, found.end()), found.parts()));
        parser.setIndex(found.end());
        return true;
    }

    /** What is known of the text being parsed (a paragraph), kept with the document. */
    private static Memo memo(LightInlineParser parser) {
        Memo memo = MEMO.get(parser.getDocument());
        if (memo == null || memo.input != parser.getInput()) {
            memo = new Memo(parser.getInput());
            parser.getDocument().set(MEMO, memo);
        }
        return memo;
    }

    /** Inline math opened by the {@code $} at {@code start}, or null. */
    private Found dollar(BasedSequence input, int start, int depth, Memo memo) {
        boolean smart = syntax.smartDollar();
        int i = start + 1;
        if (i >= input.length() || smart && isSpace(input.charAt(i))) {
            return null;
        }
        Parts parts = new Parts();
        boolean afterSpace = false;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c == '$') {
                if (!parts.isEmpty() && !(smart && afterSpace)) {
                    return new Found(parts.done(), i + 1);
                }
                // Not a closing dollar: arithmatex reads on only past math that this one opens.
                Found inner = depth < DEPTH ? dollar(input, i, depth + 1, memo) : null;
                if (inner == null) {
                    return null;
                }
                parts.add(new Nested(inner.parts()));
                i = inner.end();
                afterSpace = false;
            } else if (c == '\\') {
                if (i + 1 >= input.length()) {
                    return null;
                }
                parts.text(input.subSequence(i, i + 2));
                afterSpace = isSpace(input.charAt(i + 1));
                i += 2;
            } else if (c == '`') {
                i = code(input, i, parts, memo);
                afterSpace = false;
            } else {
                parts.text(String.valueOf(c));
                afterSpace = isSpace(c);
                i++;
            }
        }
        return null;
    }

    /**
     * Inline math opened by the {@code \(} at {@code start}, or null. Every reading from one place on goes the same
     * way, so the places a reading that found no {@code \)} went through are remembered, and a later one stops there.
     */
    private static Found round(BasedSequence input, int start, Memo memo) {
        Parts parts = new Parts();
        BitSet read = new BitSet();
        int i = start + 2;
        while (i < input.length() && !memo.unclosed.get(i)) {
            read.set(i);
            char c = input.charAt(i);
            if (c == '\\') {
                if (i + 1 >= input.length()) {
                    break;
                }
                if (input.charAt(i + 1) == ')') {
                    return parts.isEmpty() ? null : new Found(parts.done(), i + 2);
                }
                parts.text(input.subSequence(i, i + 2));
                i += 2;
            } else if (c == '`') {
                i = code(input, i, parts, memo);
            } else {
                parts.text(String.valueOf(c));
                i++;
            }
        }
        memo.unclosed.or(read);
        return null;
    }

    /**
     * Reads the backticks at {@code start}: a code span when as many close them later (as Python-Markdown's code
     * pattern), else text. Returns the index after what was read.
     */
    private static int code(BasedSequence input, int start, Parts parts, Memo memo) {
        int run = run(input, start);
        int from = start + run + 1;
        if (from < memo.noRunFrom.getOrDefault(run, Integer.MAX_VALUE)) {
            for (int i = from; i < input.length(); ) {
                if (input.charAt(i) != '`') {
                    i++;
                    continue;
                }
                int closing = run(input, i);
                if (closing == run) {
                    parts.add(new CodeSpan(input.subSequence(start + run, i).toString()));
                    return i + run;
                }
                i += closing;
            }
            memo.noRunFrom.put(run, from);
        }
        parts.text(input.subSequence(start, start + run));
        return start + run;
    }

    /** How many backticks follow one another from {@code start}. */
    private static int run(BasedSequence input, int start) {
        int end = start;
        while (end < input.length() && input.charAt(end) == '`') {
            end++;
        }
        return end - start;
    }

    /** Whitespace as Python's {@code \s} reads it. */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * The TeX of a block (its lines joined) that is math as a whole in one of the block syntaxes, as arithmatex's
     * block pattern takes it; null when it is not.
     */
    static String blockTex(String block, Set<String> syntaxes) {
        if (syntaxes.contains("dollar") && block.startsWith("$$")) {
            int close = closing(block, 2, "$$", false);
            return close < 0 ? null : block.substring(2, close);
        }
        if (syntaxes.contains("square") && block.startsWith("\\[")) {
            int close = closing(block, 2, "\\]", true);
            return close < 0 ? null : block.substring(2, close);
        }
        Matcher begin = BEGIN.matcher(block);
        if (syntaxes.contains("begin") && begin.lookingAt()) {
            String end = "\\end{" + begin.group(1) + "}";
            int close = closing(block, begin.end(), end, false);
            return close < 0 ? null : block.substring(0, close + end.length());
        }
        return null;
    }

    /**
     * Where {@code close} starts that ends the block (only spaces after it), at least one character after
     * {@code from}, a backslash and the character after it read as one; -1 if there is none. {@code square}: a
     * backslash may not be followed by {@code ]} (which only closes).
     */
    private static int closing(String block, int from, String close, boolean square) {
        int end = block.length();
        while (end > 0 && block.charAt(end - 1) == ' ') {
            end--;
        }
        for (int i = from; i < end; ) {
            if (i > from && i + close.length() == end && block.startsWith(close, i)) {
                return i;
            }
            if (block.charAt(i) == '\\') {
                if (i + 1 >= block.length() || square && block.charAt(i + 1) == ']') {
                    return -1;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Text escaped as Python-Markdown writes it: {@code &} (unless it starts an entity), {@code <}, {@code >}. */
    static String escaped(String text) {
        return AMPERSAND.matcher(text).replaceAll("&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Starts a block at a line that opens block math, where no paragraph goes on. */
    private static final class BlockFactory implements CustomBlockParserFactory {
        private final MathSyntax syntax;

        BlockFactory(MathSyntax syntax) {
            this.syntax = syntax;
        }

        @Override
        public BlockParserFactory apply(DataHolder options) {
            return new AbstractBlockParserFactory(options) {
                @Override
                public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
                    return start(state, matched);
                }
            };
        }

        private BlockStart start(ParserState state, MatchedBlockParser matched) {
            int indent = state.getIndent();
            // Python-Markdown reads a list item's content four spaces in, flexmark from the text after the marker.
            boolean inItem = matched.getBlockParser().getBlock() instanceof ListItem;
            if (matched.getBlockParser().isParagraphParser() || indent >= 4 || indent > 0 && !inItem) {
                return BlockStart.none();
            }
            BasedSequence line = state.getLine();
            int at = state.getNextNonSpaceIndex();
            if (at >= line.length() || line.charAt(at) != '$' && line.charAt(at) != '\\') {
                return BlockStart.none();
            }
            String rest = line.subSequence(at).toString();
            boolean opens = syntax.block().contains("dollar") && rest.startsWith("$$")
                    || syntax.block().contains("square") && rest.startsWith("\\[")
                    || syntax.block().contains("begin") && BEGIN.matcher(rest).lookingAt();
            return opens ? BlockStart.of(new MathBlockParser(syntax, indent)).atIndex(at) : BlockStart.none();
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
     * The lines of a block that opens like math, up to a blank line; at its end, math, or (in its place) a paragraph
     * of the same lines.
     */
    private static final class MathBlockParser extends AbstractBlockParser {
        private final DisplayMath block = new DisplayMath();
        private final MathSyntax syntax;
        /** How far the first line is indented (in a list item), taken off every line as Python-Markdown does. */
        private final int indent;
        private final List<BasedSequence> lines = new ArrayList<>();
        private final List<Integer> indents = new ArrayList<>();
        private Paragraph paragraph;

        MathBlockParser(MathSyntax syntax, int indent) {
            this.syntax = syntax;
            this.indent = indent;
        }

        @Override
        public Block getBlock() {
            return block;
        }

        @Override
        public BlockContinue tryContinue(ParserState state) {
            return state.isBlank() ? BlockContinue.none() : BlockContinue.atIndex(state.getIndex());
        }

        @Override
        public void addLine(ParserState state, BasedSequence line) {
            lines.add(line);
            indents.add(state.getIndent());
        }

        @Override
        public void closeBlock(ParserState state) {
            BlockContent content = new BlockContent();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                BasedSequence line = lines.get(i);
                content.add(line, indents.get(i));
                String written = line.trimEOL().toString();
                int spaces = 0;
                while (i > 0 && spaces < indent && spaces < written.length() && written.charAt(spaces) == ' ') {
                    spaces++;
                }
                text.append(i > 0 ? "\n" : "").append(written, spaces, written.length());
            }
            block.setContent(content);
            String tex = blockTex(text.toString(), syntax.block());
            if (tex != null) {
                block.tex = tex;
            } else {
                paragraph = new Paragraph(content);
                block.insertBefore(paragraph);
                block.unlink();
            }
        }

        @Override
        public void parseInlines(InlineParser inlineParser) {
            if (paragraph != null) {
                inlineParser.parse(paragraph.getContentChars(), paragraph);
            }
        }
    }

    /** Writes inline and block math in arithmatex's generic form. */
    private static final class Rendering implements HtmlRenderer.HtmlRendererExtension {
        @Override
        public void extend(HtmlRenderer.Builder renderer, String rendererType) {
            renderer.nodeRendererFactory(options -> FlexmarkHooks.rendering(InlineMath.class, Rendering::inline));
            renderer.nodeRendererFactory(options -> FlexmarkHooks.rendering(DisplayMath.class, Rendering::display));
        }

        private static void inline(InlineMath node, NodeRendererContext context, HtmlWriter html) {
            StringBuilder out = new StringBuilder();
            write(node.parts, out);
            // As preformatted: the writer would otherwise take the indent off lines of the TeX.
            html.rawPre(out);
        }

        private static void write(List<Part> parts, StringBuilder out) {
            out.append("<span class=\"arithmatex\">\\(");
            for (Part part : parts) {
                if (part instanceof Tex tex) {
                    out.append(escaped(tex.text()));
                } else if (part instanceof CodeSpan code) {
                    String shown = code.code().strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
                    out.append("<code>").append(shown).append("</code>");
                } else if (part instanceof Nested nested) {
                    write(nested.parts(), out);
                }
            }
            out.append("\\)</span>");
        }

        private static void display(DisplayMath node, NodeRendererContext context, HtmlWriter html) {
            html.line();
            html.rawPre("<div class=\"arithmatex\">\\[" + escaped(node.tex) + "\\]</div>");
            html.line();
        }

        @Override
        public void rendererOptions(MutableDataHolder options) {
        }
    }

    @Override
    public void parserOptions(MutableDataHolder options) {
    }
}
