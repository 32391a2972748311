package dev.paved.docs;

import java.util.Objects;
import java.util.Set;

/**
 * The math a doc set writes, as its {@code mkdocs.yml} configures {@code pymdownx.arithmatex}: which inline and block
 * syntaxes are recognised (by the names of arithmatex's {@code inline_syntax} and {@code block_syntax} options) and
 * whether inline dollars are "smart" ({@code smart_dollar}: no whitespace just inside them, so {@code $5 and $10} is
 * text).
 *
 * @param inline      {@code dollar} ({@code $…$}) and/or {@code round} ({@code \(…\)})
 * @param block       {@code dollar} ({@code $$…$$}), {@code square} ({@code \[…\]}) and/or {@code begin}
 *                    ({@code \begin{env}…\end{env}})
 * @param smartDollar whether an inline {@code $} must not be followed (when opening) or preceded (when closing) by
 *                    whitespace
 */
public record MathSyntax(Set<String> inline, Set<String> block, boolean smartDollar) {

    /** No math: the doc set does not list arithmatex, and {@code $} is text. */
    public static final MathSyntax NONE = new MathSyntax(Set.of(), Set.of(), true);

    /** Arithmatex's defaults: every syntax, smart dollars. */
    public static final MathSyntax DEFAULT = new MathSyntax(Set.of("dollar", "round"),
            Set.of("dollar", "square", "begin"), true);

    /** Keeps only the syntaxes arithmatex knows (it ignores other names too). */
    public MathSyntax {
        Objects.requireNonNull(inline, "inline");
        Objects.requireNonNull(block, "block");
        inline = Set.copyOf(inline.stream().filter(s -> s.equals("dollar") || s.equals("round")).toList());
        block = Set.copyOf(block.stream().filter(s -> s.equals("dollar") || s.equals("square") || s.equals("begin"))
                .toList());
    }

    /** Whether any math is recognised. */
    public boolean any() {
        return !inline.isEmpty() || !block.isEmpty();
    }
}
