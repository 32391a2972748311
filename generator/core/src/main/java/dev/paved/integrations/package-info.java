/**
 * What entity pages show of the services a catalog's annotations name, without a server: a snapshot taken once per
 * build through each service's REST API ({@link dev.paved.integrations.Snapshot}, "as of" its time) and the status
 * images the service serves live to browsers ({@link dev.paved.integrations.Badge}). Every call follows the
 * credential policy of {@link dev.paved.credential}; a service that refuses or cannot be reached gives a card that
 * says so and one warning, and the rest builds.
 */
package dev.paved.integrations;
