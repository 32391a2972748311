package dev.paved.integrations;

/**
 * A status image the service serves to browsers live (a workflow's or a pipeline's badge).
 *
 * @param url   the image's URL, on the integration's own host
 * @param image whether the page may load it ({@code remoteImages} allows its host); else it is shown as a link
 */
public record Badge(String url, boolean image) {
}
