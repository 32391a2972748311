package dev.paved.publish;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where a site is published: an S3 bucket, a git branch, a folder. Publishing asks a target what it holds, then
 * writes and deletes file by file in a safe order ({@link Publisher}), then lets it finish.
 */
public interface PublishTarget extends AutoCloseable {

    /** What the target is, for messages: never with credentials. */
    String describe();

    /** Every file the target holds now, by site path, with its fingerprint ({@link #fingerprint}), or empty. */
    Map<String, String> list() throws IOException;

    /** The fingerprint the target would record for a site file, compared with {@link #list()} to skip it. */
    String fingerprint(SiteFile file) throws IOException;

    /** Writes one file. */
    void put(SiteFile file) throws IOException;

    /** Deletes files. */
    void delete(List<String> paths) throws IOException;

    /** Makes the writes visible when the target needs it (a git commit and push); nothing by default. */
    default void finish(String message) throws IOException {
    }

    @Override
    default void close() throws IOException {
    }
}
