package dev.paved.publish;

import java.nio.file.Path;

/**
 * A file of the built site as publishing sees it.
 *
 * @param path         its path in the site, with {@code /}, e.g. {@code docs/default/component/x/index.html}
 * @param file         the file on disk
 * @param size         its size in bytes
 * @param contentType  the {@code Content-Type} it is served with
 * @param cacheControl the {@code Cache-Control} it is served with
 */
public record SiteFile(String path, Path file, long size, String contentType, String cacheControl) {
}
