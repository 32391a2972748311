package dev.paved.credential;

import java.io.IOException;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Optional;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;

/**
 * JGit transports under the credential policy. A transport gets the token only when its remote is on one of the
 * token's origins; JGit is given it only when it asks for that origin; and no request to another origin (where a
 * redirect leads, another port of the same host included) carries an {@code Authorization} header, which JGit would
 * otherwise keep across a redirect to the same host.
 */
public final class GitAuth {

    /** The user name git hosts take with a token as the password (GitHub, GitLab, Gitea accept any). */
    static final String USER = "x-access-token";

    private GitAuth() {
    }

    /**
     * How to set up a transport (a command's, or one opened with {@code Transport.open}) to {@code remote}.
     *
     * @param token the token, if any; it is used only when {@code remote} is on one of its origins
     * @throws TokenRefusedException when {@code remote} holds a password and is plain http to a host that is not
     *                               loopback
     */
    public static TransportConfigCallback forRemote(String remote, Optional<HostToken> token)
            throws TokenRefusedException {
        Optional<Origin> origin = originOf(remote);
        if (origin.isPresent() && origin.get().scheme().equals("http") && !origin.get().loopback()
                && hasPassword(remote)) {
            throw new TokenRefusedException("the password in the URL", remote);
        }
        Optional<Origin> home = origin.filter(Origin::mayCarryToken);
        Optional<String> secret = token.filter(t -> home.isPresent() && t.origins().contains(home.get()))
                .map(HostToken::secret);
        return transport -> {
            secret.ifPresent(s -> transport.setCredentialsProvider(new OriginBound(home.get(), s)));
            if (transport instanceof TransportHttp http) {
                http.setHttpConnectionFactory(new SameOrigin(HttpTransport.getConnectionFactory(), home));
            }
        };
    }

    /** The origin of a remote as JGit reads it. */
    static Optional<Origin> originOf(String remote) {
        try {
            return originOf(new URIish(remote));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<Origin> originOf(URIish uri) {
        return uri == null || uri.getScheme() == null || uri.getHost() == null ? Optional.empty()
                : Optional.of(new Origin(uri.getScheme(), uri.getHost(), uri.getPort()));
    }

    private static boolean hasPassword(String remote) {
        int start = remote.indexOf("://") + 3;
        int slash = remote.indexOf('/', start);
        int at = remote.lastIndexOf('@', slash < 0 ? remote.length() - 1 : slash - 1);
        return at >= start && remote.substring(start, at).contains(":");
    }

    /** Answers JGit's request for a user and password with the token, for one origin only. */
    private static final class OriginBound extends CredentialsProvider {

        private final Origin origin;
        private final String secret;

        OriginBound(Origin origin, String secret) {
            this.origin = origin;
            this.secret = secret;
        }

        @Override
        public boolean isInteractive() {
            return false;
        }

        @Override
        public boolean supports(CredentialItem... items) {
            for (CredentialItem item : items) {
                if (!(item instanceof CredentialItem.Username) && !(item instanceof CredentialItem.Password)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
            if (!originOf(uri).equals(Optional.of(origin))) {
                return false;
            }
            for (CredentialItem item : items) {
                if (item instanceof CredentialItem.Username u) {
                    u.setValue(USER);
                } else if (item instanceof CredentialItem.Password p) {
                    p.setValue(secret.toCharArray());
                } else {
                    throw new UnsupportedCredentialItem(uri, item.getClass().getSimpleName());
                }
            }
            return true;
        }
    }

    /** Connections that drop the {@code Authorization} header unless they go to {@code allowed}. */
    private record SameOrigin(HttpConnectionFactory delegate, Optional<Origin> allowed)
            implements HttpConnectionFactory {

        @Override
        public HttpConnection create(URL url) throws IOException {
            return guarded(url, delegate.create(url));
        }

        @Override
        public HttpConnection create(URL url, Proxy proxy) throws IOException {
            return guarded(url, delegate.create(url, proxy));
        }

        private HttpConnection guarded(URL url, HttpConnection connection) {
            Origin to = new Origin(url.getProtocol(), url.getHost(), url.getPort());
            return allowed.equals(Optional.of(to)) ? connection : WithoutAuthorization.of(connection);
        }
    }
}
