package dev.paved.credential;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A token and the origins it goes to, and to no other. Every origin is https, or plain http to loopback: a token
 * for plain http to another host cannot be made ({@link #of} refuses it before anything is sent).
 *
 * @param source  where the token comes from, as messages name it (an environment variable); never the token
 * @param secret  the token; {@link #toString()} never shows it
 * @param origins where it may go
 */
public record HostToken(String source, String secret, Set<Origin> origins) {

    public HostToken {
        origins = Set.copyOf(origins);
        for (Origin o : origins) {
            if (!o.mayCarryToken()) {
                throw new IllegalArgumentException(source + " may not go to " + o + ": plain http to a host that is "
                        + "not loopback");
            }
        }
    }

    /**
     * The token for the origins of {@code urls}: their https and loopback http origins. Other schemes ({@code ssh},
     * {@code file}) get no token.
     *
     * @throws TokenRefusedException when one of them is plain http to a host that is not loopback
     */
    public static HostToken of(String source, String secret, String... urls) throws TokenRefusedException {
        Set<Origin> origins = new LinkedHashSet<>();
        for (String url : urls) {
            Optional<Origin> origin = Origin.of(url);
            if (origin.isEmpty() || !origin.get().scheme().matches("https?")) {
                continue;
            }
            if (!origin.get().mayCarryToken()) {
                throw new TokenRefusedException("the token in " + source, url);
            }
            origins.add(origin.get());
        }
        return new HostToken(source, secret, origins);
    }

    /** Whether the token goes to this URL's origin. */
    public boolean isFor(URI uri) {
        return Origin.of(uri).filter(origins::contains).isPresent();
    }

    /** Whether the token goes to this URL's origin. */
    public boolean isFor(String url) {
        return Origin.of(url).filter(origins::contains).isPresent();
    }

    /** The token, when {@code uri} is on one of its origins. */
    public Optional<String> secretFor(URI uri) {
        return isFor(uri) ? Optional.of(secret) : Optional.empty();
    }

    /** The token's source and origins, never the token. */
    @Override
    public String toString() {
        return "HostToken[" + source + " for " + origins + "]";
    }
}
