package dev.paved.content;

import java.util.List;

/**
 * One page of the portal's own content ({@code content/}), rendered.
 *
 * @param sourcePath its path under {@code content/}, e.g. {@code guides/deploying.md}
 * @param outputPath where it is written in the site, e.g. {@code guides/deploying/index.html}
 * @param title      from the header, else the first heading, else the file name
 * @param type       the JBake type ({@code page} by default)
 * @param date       the date as written, or empty
 * @param tags       its tags
 * @param html       the sanitised body
 */
public record ContentPage(String sourcePath, String outputPath, String title, String type, String date,
                          List<String> tags, String html) {

    public ContentPage {
        tags = List.copyOf(tags);
    }
}
