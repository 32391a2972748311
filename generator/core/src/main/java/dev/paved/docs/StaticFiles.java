package dev.paved.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which files authors keep beside their pages (in a {@code docs_dir} or the portal's {@code content/}) the portal
 * copies. Everything it publishes is served from the portal's own origin, so a file a browser would run as a page
 * ({@code .html}, {@code .js}, {@code .xml}…) would run its scripts with the portal's rights: only passive types
 * are copied, and SVG (an image that may hold scripts) only after {@link SvgCleaner} has removed them.
 */
public final class StaticFiles {

    /** Types a browser shows or downloads but never runs. SVG is among them once cleaned. */
    private static final Set<String> PASSIVE = Set.of(
            "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "svg",
            "woff", "woff2", "ttf", "otf", "eot",
            "css", "txt", "csv", "tsv", "json", "yaml", "yml", "toml", "log", "diff", "patch",
            "proto", "graphql", "gql", "sql",
            "pdf", "zip", "gz", "tgz", "tar", "7z",
            "docx", "xlsx", "pptx", "odt", "ods", "odp",
            "mp3", "mp4", "m4a", "webm", "ogg", "oga", "ogv", "wav", "mov");

    private StaticFiles() {
    }

    /**
     * Whether a file at {@code path} in a doc set is copied into the portal. Files of other types (pages,
     * scripts, XML, unknown or no extension) are left out.
     */
    public static boolean copied(String path) {
        return PASSIVE.contains(extension(path));
    }

    /** The types that are copied, for messages. */
    public static String passiveTypes() {
        return String.join(", ", PASSIVE.stream().sorted().toList());
    }

    /**
     * The bytes the portal publishes for a copied file: the file's own, except SVG, cleaned of anything that runs.
     *
     * @throws IOException when the file cannot be read
     */
    public static byte[] published(String path, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return isSvg(path) ? SvgCleaner.clean(bytes) : bytes;
    }

    /** Whether the file must be published through {@link #published} rather than copied as it is. */
    public static boolean cleaned(String path) {
        return isSvg(path);
    }

    private static boolean isSvg(String path) {
        return extension(path).equals("svg");
    }

    private static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** One message for all the files of {@code folder} that are not published, naming the first few. */
    public static String notPublished(String folder, List<String> paths) {
        int shown = Math.min(paths.size(), 5);
        return paths.size() + (paths.size() == 1 ? " file" : " files") + " in " + folder + " not published: "
                + String.join(", ", paths.subList(0, shown)) + (shown < paths.size() ? " and " + (paths.size() - shown)
                + " more" : "") + ". Only pages and passive files (" + passiveTypes() + ") are published: "
                + "anything else, such as HTML or scripts, would run on the portal's own pages";
    }
}
