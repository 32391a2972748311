package dev.paved.docs;

import com.vladsch.flexmark.parser.InlineParserExtensionFactory;
import com.vladsch.flexmark.parser.InlineParserFactory;
import com.vladsch.flexmark.parser.delimiter.DelimiterProcessor;
import com.vladsch.flexmark.parser.internal.InlineParserImpl;
import com.vladsch.flexmark.parser.internal.LinkRefProcessorData;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * flexmark's inline parser, without its one quadratic step: after each match it asks the JDK for a
 * {@code MatchResult}, which before Java 20 copies the whole rest of the paragraph into a new String. A paragraph
 * with 20,000 links (one 250 KB line) took minutes to parse; reading the match's bounds from the matcher itself
 * is the same result, in time proportional to the match.
 */
final class LinearInlineParser extends InlineParserImpl {

    /** The factory to give flexmark's parser builder. */
    static final InlineParserFactory FACTORY = LinearInlineParser::new;

    private LinearInlineParser(DataHolder options, BitSet specialCharacters, BitSet delimiterCharacters,
                               Map<Character, DelimiterProcessor> delimiterProcessors,
                               LinkRefProcessorData linkRefProcessors,
                               List<InlineParserExtensionFactory> inlineParserExtensions) {
        super(options, specialCharacters, delimiterCharacters, delimiterProcessors, linkRefProcessors,
                inlineParserExtensions);
    }

    @Override
    public BasedSequence match(Pattern re) {
        Matcher matcher = find(re);
        return matcher == null ? null : getInput().subSequence(matcher.start(), matcher.end());
    }

    @Override
    public BasedSequence[] matchWithGroups(Pattern re) {
        Matcher matcher = find(re);
        if (matcher == null) {
            return null;
        }
        BasedSequence[] groups = new BasedSequence[matcher.groupCount() + 1];
        groups[0] = getInput().subSequence(matcher.start(), matcher.end());
        for (int i = 1; i < groups.length; i++) {
            groups[i] = matcher.start(i) < 0 ? null : getInput().subSequence(matcher.start(i), matcher.end(i));
        }
        return groups;
    }

    /** The matcher at the next match from the current position (which moves past it), or null. */
    private Matcher find(Pattern re) {
        BasedSequence input = getInput();
        if (getIndex() >= input.length()) {
            return null;
        }
        Matcher matcher = re.matcher(input);
        matcher.region(getIndex(), input.length());
        if (!matcher.find()) {
            return null;
        }
        setIndex(matcher.end());
        return matcher;
    }
}
