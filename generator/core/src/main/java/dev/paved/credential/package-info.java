/**
 * The one credential policy of crawl, publish, scaffold and integrations: a token goes only to the origins it is
 * for ({@link dev.paved.credential.HostToken}), over https (plain http only to loopback,
 * {@link dev.paved.credential.Origin#mayCarryToken()}), never to the other origin a redirect leads to
 * ({@link dev.paved.credential.TokenHttp}, {@link dev.paved.credential.GitAuth}), and never into anything shown
 * ({@link dev.paved.credential.Redact}).
 */
package dev.paved.credential;
