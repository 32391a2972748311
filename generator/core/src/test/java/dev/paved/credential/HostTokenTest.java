package dev.paved.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which token goes where: its origins only, over https, plain http only to loopback. */
class HostTokenTest {

    @Test
    void aTokenIsForOriginsNotHosts() throws Exception {
        HostToken token = HostToken.of("GITHUB_TOKEN", "t0ken", "https://api.github.com", "https://github.com/acme");
        assertEquals(Set.of(new Origin("https", "api.github.com", 443), new Origin("https", "github.com", 443)),
                token.origins());
        assertEquals(Optional.of("t0ken"), token.secretFor(URI.create("https://API.github.com:443/orgs/acme/repos")));
        assertTrue(token.isFor("https://github.com/acme/payments.git"));
        assertFalse(token.isFor("http://github.com/acme/payments.git"), "another scheme is another origin");
        assertFalse(token.isFor("https://github.com:8443/acme/payments.git"), "another port is another origin");
        assertFalse(token.isFor("https://gist.github.com/"), "another host is another origin");
        assertFalse(token.isFor("ssh://git@github.com/acme/payments.git"));
    }

    @Test
    void plainHttpOnlyToLoopback() throws Exception {
        for (String url : new String[] {"http://127.0.0.1:8080/", "http://127.8.9.10/", "http://localhost/",
                "http://[::1]:3000/"}) {
            assertTrue(HostToken.of("T", "s", url).isFor(url), url);
        }
        for (String url : new String[] {"http://git.example.com/acme/x.git", "http://10.0.0.1/",
                "http://128.0.0.1/", "http://localhost.example.com/"}) {
            TokenRefusedException e = assertThrows(TokenRefusedException.class, () -> HostToken.of("GIT_TOKEN",
                    "s3cret", url));
            assertTrue(e.getMessage().startsWith("the token in GIT_TOKEN is not sent over plain http to " + url),
                    e.getMessage());
        }
    }

    @Test
    void theRefusalNamesTheUrlRedacted() {
        TokenRefusedException e = assertThrows(TokenRefusedException.class, () -> HostToken.of("GIT_TOKEN",
                "s3cret", "http://git.example.com/api?private_token=abc"));
        assertEquals("the token in GIT_TOKEN is not sent over plain http to "
                + "http://git.example.com/api?private_token=***: use https (plain http only to loopback: "
                + "127.0.0.0/8, ::1, localhost)", e.getMessage());
    }

    @Test
    void otherSchemesGetNoToken() throws Exception {
        HostToken token = HostToken.of("GIT_TOKEN", "s3cret", "ssh://git@git.example.com/x.git", "file:///srv/x.git",
                "/srv/x.git");
        assertEquals(Set.of(), token.origins());
    }

    @Test
    void theTokenIsNeverShown() throws Exception {
        HostToken token = HostToken.of("GIT_TOKEN", "s3cret", "https://git.example.com");
        assertEquals("HostToken[GIT_TOKEN for [https://git.example.com:443]]", token.toString());
        assertThrows(IllegalArgumentException.class, () -> new HostToken("T", "s",
                Set.of(new Origin("http", "git.example.com", 80))));
    }
}
