package dev.paved.catalog;

/** One of an entity's {@code metadata.links}. Title and icon may be empty. */
public record EntityLink(String url, String title, String icon, String type) {
}
