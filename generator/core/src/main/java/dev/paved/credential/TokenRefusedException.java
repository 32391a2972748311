package dev.paved.credential;

import java.io.IOException;

/** A token was not sent: the URL it would have gone to is plain http to a host that is not loopback. */
public final class TokenRefusedException extends IOException {

    /**
     * @param what what is not sent, e.g. {@code "the token in GIT_TOKEN"}
     * @param url  where it would have gone; the message shows it redacted
     */
    public TokenRefusedException(String what, String url) {
        super(what + " is not sent over plain http to " + Redact.url(url)
                + ": use https (plain http only to loopback: 127.0.0.0/8, ::1, localhost)");
    }
}
