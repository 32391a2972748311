package dev.paved.scaffold;

import java.util.regex.Pattern;

/** Credentials out of URLs before they are shown: {@code https://user:secret@host/…} → {@code https://***@host/…}. */
final class Redact {

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private Redact() {
    }

    static String url(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("***@");
    }
}
