package dev.paved.crawl;

import java.util.Optional;

/**
 * A repository an organisation's listing named, with the service's marker of its last change when the listing
 * gave one.
 */
record Discovered(Repository repository, Optional<VersionStamp> stamp) {
}
