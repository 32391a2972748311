package dev.paved.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.diagnostic.Diagnostics;
import dev.paved.yaml.YamlDocument;
import dev.paved.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Backstage checks {@code metadata.links[].url} with {@code new URL(url)}: the WHATWG URL standard's parser. Each
 * verdict below is the standard's (and Node's {@code new URL}, with which they were checked while writing).
 */
class WebUrlTest {

    private record Case(String url, boolean valid, String why) {
    }

    private static final List<Case> CASES = List.of(
            new Case("https://github.com/{{orgName}}/x", true, "braces in a path are percent-encoded"),
            new Case("https://example.com/a b/c", true, "so is a space in a path"),
            new Case("https://example.com/?q=<x>|y#frag ment", true, "query and fragment are encoded, not refused"),
            new Case("https://{{host}}/x", true, "braces are not forbidden in a host"),
            new Case("https:///x", true, "slashes after a special scheme are skipped: the host is x"),
            new Case("https:example.com", true, "a special scheme needs no slashes"),
            new Case("https:\\\\example.com\\a", true, "backslashes count as slashes in special URLs"),
            new Case("  https://example.com  ", true, "leading and trailing spaces are stripped"),
            new Case("https://exa\tmple.com", true, "tabs are removed anywhere"),
            new Case("https://user:pa ss@example.com/", true, "user info is encoded"),
            new Case("https://@example.com", true, "empty user info"),
            new Case("https://exa%41mple.com/", true, "a percent-encoded letter in a host is decoded"),
            new Case("https://例え.jp/", true, "an international domain"),
            new Case("http://[::1]:8080/", true, "an IPv6 host and a port"),
            new Case("http://[::ffff:192.168.0.1]/", true, "IPv6 with an IPv4 tail"),
            new Case("http://0x7f.1/", true, "an IPv4 address in hex, two parts"),
            new Case("http://example.com:/", true, "an empty port"),
            new Case("mailto:team@example.com", true, "a non-special scheme has an opaque path"),
            new Case("slack://channel?team=T1", true, "a non-special scheme with a host"),
            new Case("urn:isbn:0451450523", true, "a URN"),
            new Case("file:///etc/hosts", true, "a file URL has an empty host"),
            new Case("file://server/share", true, "a file URL with a host"),
            new Case("a:", true, "a scheme alone"),

            new Case("", false, "empty"),
            new Case("example.com", false, "no scheme"),
            new Case("/docs/index.html", false, "a path: relative, needs a base"),
            new Case("//example.com/x", false, "scheme-relative"),
            new Case("1http://example.com", false, "a scheme starts with a letter"),
            new Case("+http://example.com", false, "a scheme starts with a letter"),
            new Case("http://", false, "a special URL needs a host"),
            new Case("http:///", false, "still no host after the slashes"),
            new Case("https://", false, "no host"),
            new Case("https://user@/x", false, "user info without a host"),
            new Case("ab://:80", false, "a port without a host"),
            new Case("ab://user@/", false, "user info without a host, any scheme"),
            new Case("https://exa mple.com/", false, "a space in a host"),
            new Case("https://exa%20mple.com/", false, "an encoded space in a host"),
            new Case("https://ex%ample.com/", false, "a lone % in a host"),
            new Case("https://ex<ample.com/", false, "< is forbidden in a host"),
            new Case("https://ex^ample.com/", false, "^ is forbidden in a host"),
            new Case("https://ex|ample.com/", false, "| is forbidden in a host"),
            new Case("ab://ex ample/", false, "a space in an opaque host"),
            new Case("https://example.com:99999/", false, "a port above 65535"),
            new Case("https://example.com:80a/", false, "a port is digits"),
            new Case("http://1.2.3.256/", false, "an IPv4 part above 255"),
            new Case("http://1.2.3.4.5/", false, "five IPv4 parts"),
            new Case("http://999999999999/", false, "an IPv4 number too big"),
            new Case("http://[::1/", false, "an unclosed IPv6 address"),
            new Case("http://[1::2::3]/", false, "two :: in an IPv6 address"),
            new Case("http://[::1.2.3.04]/", false, "a leading zero in an IPv4 tail"));

    @Test
    void acceptsWhatTheWhatwgUrlParserAcceptsAndRejectsWhatItRejects() {
        List<String> wrong = new ArrayList<>();
        for (Case c : CASES) {
            if (WebUrl.isValid(c.url()) != c.valid()) {
                wrong.add((c.valid() ? "accept " : "reject ") + "\"" + c.url() + "\" (" + c.why() + ")");
            }
        }
        assertEquals(List.of(), wrong, "should");
    }

    @Test
    void aLinkWithATemplateExpressionPassesValidationAsInBackstage() {
        Diagnostics diagnostics = new Diagnostics();
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: skeleton
                  links:
                    - url: https://github.com/{{orgName}}/x
                    - url: github.com/acme/x
                spec: {type: service, lifecycle: production, owner: team-a}
                """;
        List<YamlDocument> docs = YamlReader.read("catalog-info.yaml", yaml, diagnostics);
        EntityValidator.validate(docs.get(0).root(), docs.get(0), diagnostics);
        assertEquals(List.of("7 PAVED-E009"), diagnostics.sorted().stream().map(d -> d.line() + " " + d.code().id())
                .toList(), "only the link without a scheme is refused");
    }
}
