package dev.paved.publish;

import dev.paved.credential.HostToken;
import dev.paved.credential.Redact;
import dev.paved.credential.TokenRefusedException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Opens a target from the form the command line and the Maven goal take. */
public final class PublishTargets {

    /**
     * Options for the kinds of target.
     *
     * @param endpoint  S3: an S3-compatible endpoint
     * @param region    S3: the region, else from the environment
     * @param pathStyle S3: bucket in the path
     * @param squash    git: replace the branch's history
     * @param cname     git: the custom domain for {@code CNAME}
     */
    public record Options(Optional<URI> endpoint, Optional<String> region, boolean pathStyle, boolean squash,
                          Optional<String> cname) {

        /** No options. */
        public static Options none() {
            return new Options(Optional.empty(), Optional.empty(), false, false, Optional.empty());
        }
    }

    /**
     * The environment variable a git remote's token is read from (never from the command line or a file). It goes to
     * the remote's origin only, over https (plain http only to loopback).
     */
    public static final String GIT_TOKEN = "PAVED_GIT_TOKEN";

    private PublishTargets() {
    }

    /**
     * Opens {@code s3://bucket/prefix}, {@code git:<remote-url>#branch} (default branch {@code gh-pages}) or
     * {@code dir:<path>}.
     *
     * @throws IllegalArgumentException for another form
     * @throws IOException a {@link TokenRefusedException} when the token or credentials would
     *                     go over plain http to a host that is not loopback
     */
    public static PublishTarget open(String target, Options options) throws IOException {
        return open(target, options, System::getenv);
    }

    static PublishTarget open(String target, Options options, Function<String, String> environment)
            throws IOException {
        if (target.startsWith("s3://")) {
            URI location;
            try {
                location = URI.create(target);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Redact.message(e.getMessage()), e);
            }
            return S3Target.open(location, options.endpoint(), options.region(), options.pathStyle());
        }
        if (target.startsWith("git:")) {
            String spec = target.substring(4);
            int hash = spec.lastIndexOf('#');
            String remote = hash < 0 ? spec : spec.substring(0, hash);
            String branch = hash < 0 || hash == spec.length() - 1 ? "gh-pages" : spec.substring(hash + 1);
            String secret = environment.apply(GIT_TOKEN);
            Optional<HostToken> token = secret == null || secret.isEmpty() ? Optional.empty()
                    : Optional.of(HostToken.of(GIT_TOKEN, secret, remote));
            return new GitBranchTarget(remote, branch, options.squash(), options.cname(), token);
        }
        if (target.startsWith("dir:")) {
            return new DirectoryTarget(Path.of(target.substring(4)));
        }
        throw new IllegalArgumentException("unknown target " + Redact.url(target)
                + ": use s3://bucket/prefix, git:<remote-url>#branch or dir:<path>");
    }
}
