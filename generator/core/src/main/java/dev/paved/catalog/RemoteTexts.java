package dev.paved.catalog;

import java.util.Optional;

/**
 * Reads the text at an absolute URL that a placeholder ({@code $text: https://…}) names, as Backstage's URL reader
 * does. The catalog does no I/O of its own for it: the build hands it a reader (the crawl's, which fetches from the
 * configured integrations' hosts and keeps what it fetched in the crawl cache), a check hands it {@link #NONE}.
 * Implementations are safe to call from several threads and read each URL once.
 */
@FunctionalInterface
public interface RemoteTexts {

    /** Reads nothing: every remote placeholder keeps its URL, with a warning. */
    RemoteTexts NONE = url -> new RemoteText.NotRead(RemoteText.Why.NOT_FETCHED, "remote placeholders are not "
            + "fetched here");

    /** The text at {@code url}, or why it is not read. Never throws. */
    RemoteText read(String url);

    /** What reading a URL gave. Messages never hold a token or a URL's credentials. */
    sealed interface RemoteText permits RemoteText.Read, RemoteText.NotRead {

        /** Why a URL was not read. */
        enum Why {
            /** No reader here, or reading failed and nothing was kept from an earlier build. */
            NOT_FETCHED,
            /** Its host is not one of the configured integrations': nothing was sent. */
            HOST_NOT_ALLOWED
        }

        /**
         * The text was read.
         *
         * @param text  the text
         * @param stale when the text is the copy an earlier build fetched (the host could not be reached), why;
         *              empty when it is fresh
         */
        record Read(String text, Optional<String> stale) implements RemoteText {
        }

        /**
         * The text was not read.
         *
         * @param why    the kind of reason
         * @param reason what happened, for the warning
         */
        record NotRead(Why why, String reason) implements RemoteText {
        }
    }
}
