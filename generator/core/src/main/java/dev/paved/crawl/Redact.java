package dev.paved.crawl;

import java.util.regex.Pattern;

/** Removes credentials from URLs and messages before they are shown. */
public final class Redact {

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private Redact() {
    }

    /** A URL without its user and password. */
    public static String url(String url) {
        return USER_INFO.matcher(url).replaceAll("");
    }

    /** A message with every URL's user and password removed. */
    public static String message(String message) {
        return message == null ? "unknown error" : USER_INFO.matcher(message).replaceAll("");
    }
}
