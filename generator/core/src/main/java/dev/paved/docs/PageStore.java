package dev.paved.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rendered page bodies kept on disk between the docs stage, which renders them, and the site stage, which wraps them
 * in the theme: a build's memory then holds the pages being rendered, not every page of the organisation. One
 * temporary file, appended to from any thread, read back by position; it is deleted when the store is closed.
 */
public final class PageStore implements AutoCloseable {

    /** A page body: its HTML, kept in memory or in a store. */
    public interface Body {

        /** The HTML. */
        String html();

        /** A body kept in memory. */
        static Body of(String html) {
            return new InMemory(html);
        }
    }

    private record InMemory(String html) implements Body {
    }

    /** A body in a store: {@code length} bytes of UTF-8 at {@code offset}. */
    private record Stored(PageStore store, long offset, int length) implements Body {
        @Override
        public String html() {
            return store.read(offset, length);
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final AtomicLong end = new AtomicLong();

    private PageStore(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** A store in a new temporary file. */
    public static PageStore create() throws IOException {
        return new PageStore(Files.createTempFile("paved-pages-", ".html"));
    }

    /** Keeps {@code html} in the store; the body reads it back. */
    public Body put(String html) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        long at = end.getAndAdd(bytes.length);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, at + buffer.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep a rendered page in " + file, e);
        }
        return new Stored(this, at, bytes.length);
    }

    private String read(long offset, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("the page store ended early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a rendered page back from " + file, e);
        }
        return new String(buffer.array(), StandardCharsets.UTF_8);
    }

    /** Deletes the store's file; bodies in it can no longer be read. */
    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
