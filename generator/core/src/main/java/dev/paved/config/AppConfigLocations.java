package dev.paved.config;

import dev.paved.diagnostic.SourcePosition;
import java.nio.file.Path;

/**
 * The {@code catalog.locations} of a Backstage app-config: together they must give the catalog at least one entity,
 * or the portal would be empty without a word.
 *
 * @param at   where {@code catalog.locations} is written in the app-config
 * @param base the folder its {@code type: file} targets were resolved from (the backend's folder)
 */
public record AppConfigLocations(SourcePosition at, Path base) {
}
