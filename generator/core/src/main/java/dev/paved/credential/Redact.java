package dev.paved.credential;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides credentials in URLs and messages before they are shown anywhere: a log line, a diagnostic, an exception, a
 * page, {@code crawl-state.json}. A URL loses its user and password (everything up to the last {@code @} before
 * its host), and the query and fragment parameters whose names look secret ({@code token},
 * {@code private_token}, {@code access_token}, {@code password}, {@code secret}, {@code key}, {@code sig},
 * {@code signature}, {@code X-Amz-*}, {@code auth}…) keep their names but not their values.
 */
public final class Redact {

    /** What a hidden value is shown as. */
    public static final String HIDDEN = "***";

    /** Where a URL or a value ends: before a space, a quote or the end, and the punctuation of a sentence there. */
    private static final String END = "(?=[.,:;!?)\\]]*(?:[\\s\"'<>`]|$))";
    private static final Pattern URL = Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>`]+?" + END);
    /** {@code name=value} after {@code ?}, {@code &}, {@code ;}, {@code #}, a space or at the start. */
    private static final Pattern PARAMETER = Pattern.compile("(^|[?&;#\\s])([A-Za-z0-9_.\\-\\[\\]]+)="
            + "([^&;#\\s\"'<>]*?)(?:(?=[&;#])|" + END + ")");
    private static final Pattern HEADER = Pattern.compile(
            "(?i)\\b(authorization|private-token|x-api-key)(\\s*[:=]\\s*)((?:bearer|token|basic)\\s+)?[^\\s,;\"']+");
    /** Names that are secret when they contain one of these. */
    private static final Set<String> SECRET_PARTS = Set.of("token", "secret", "passw", "signature", "credential",
            "apikey", "accesskey", "authorization", "session");
    /** Names that are secret when one of their words is one of these. */
    private static final Set<String> SECRET_WORDS = Set.of("key", "sig", "pwd", "pass", "auth", "code", "jwt");

    private Redact() {
    }

    /** A URL as it may be shown: without user and password, secret parameters hidden. */
    public static String url(String url) {
        if (url == null) {
            return "";
        }
        String out = url;
        int scheme = out.indexOf("://");
        if (scheme >= 0) {
            int start = scheme + 3;
            int slash = out.indexOf('/', start);
            int end = slash < 0 ? out.length() : slash;
            int at = out.lastIndexOf('@', end - 1);
            if (at >= start) {
                out = out.substring(0, start) + out.substring(at + 1);
            }
        }
        return parameters(out);
    }

    /** A message with every URL in it redacted, and secret parameters and headers outside URLs hidden too. */
    public static String message(String message) {
        if (message == null) {
            return "unknown error";
        }
        String out = URL.matcher(message).replaceAll(m -> Matcher.quoteReplacement(url(m.group())));
        out = parameters(out);
        return HEADER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2)
                + (m.group(3) == null ? "" : m.group(3)) + HIDDEN));
    }

    /** Whether a query or fragment parameter of this name holds a secret. */
    static boolean secretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("x-amz-") || n.startsWith("x-goog-")) {
            return true;
        }
        for (String part : SECRET_PARTS) {
            if (n.contains(part)) {
                return true;
            }
        }
        for (String word : n.split("[^a-z0-9]+")) {
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String parameters(String text) {
        return PARAMETER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "="
                + (secretName(m.group(2)) && !m.group(3).isEmpty() ? HIDDEN : m.group(3))));
    }
}
