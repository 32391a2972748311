package dev.paved.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a URL with credentials looks like wherever Paved shows it. */
class RedactTest {

    @Test
    void userInfoEndsAtTheLastAtSignBeforeTheHost() {
        assertEquals("http://host/x", Redact.url("http://user:p@ss-SECRET@host/x"));
        assertEquals("https://git.example.com/acme/payments.git",
                Redact.url("https://x-access-token:ghp_abc@git.example.com/acme/payments.git"));
        assertEquals("https://h:8443", Redact.url("https://u:p@w@h:8443"));
        // An @ in the path is not user info.
        assertEquals("https://h/people/@ann", Redact.url("https://h/people/@ann"));
    }

    @Test
    void secretParametersKeepTheirNamesNotTheirValues() {
        assertEquals("https://h/x?private_token=***&page=2", Redact.url("https://h/x?private_token=abc&page=2"));
        assertEquals("https://h/api?access_token=***&per_page=100&token=***",
                Redact.url("https://h/api?access_token=a1&per_page=100&token=t2"));
        assertEquals("https://b.s3.example.com/k?X-Amz-Algorithm=***&X-Amz-Credential=***&X-Amz-Signature=***",
                Redact.url("https://b.s3.example.com/k?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKIA%2F1"
                        + "&X-Amz-Signature=0abc"));
        assertEquals("https://h/?sig=***&key=***&password=***&apiKey=***&sort=asc",
                Redact.url("https://h/?sig=s&key=k&password=p&apiKey=a&sort=asc"));
    }

    @Test
    void fragmentsToo() {
        assertEquals("https://app.example.com/cb#access_token=***&state=xyz",
                Redact.url("https://app.example.com/cb#access_token=t0k&state=xyz"));
        assertEquals("https://h/x.git#main", Redact.url("https://h/x.git#main"));
    }

    @Test
    void everyUrlOfAMessage() {
        String message = Redact.message("http://user:p@ss-SECRET@host/x: not authorized; tried "
                + "'https://h/x?private_token=abc&page=2' and (https://u:pw@h/y.git)");
        assertEquals("http://host/x: not authorized; tried 'https://h/x?private_token=***&page=2' and "
                + "(https://h/y.git)", message);
        for (String secret : new String[] {"SECRET", "p@ss", "abc", "pw@"}) {
            assertFalse(message.contains(secret), message);
        }
    }

    @Test
    void parametersAndHeadersOutsideUrls() {
        String message = Redact.message("GET /api/v4/groups?private_token=abc&page=2 failed; "
                + "Authorization: Bearer ghp_123, PRIVATE-TOKEN=glpat-9");
        assertEquals("GET /api/v4/groups?private_token=***&page=2 failed; Authorization: Bearer ***, "
                + "PRIVATE-TOKEN=***", message);
        assertEquals("unknown error", Redact.message(null));
        // The punctuation of a sentence is not part of the URL nor of the value.
        assertEquals("refused http://h/x?token=***: use https, not http://h/y?sig=***.",
                Redact.message("refused http://h/x?token=t1: use https, not http://h/y?sig=s2."));
    }

    @Test
    void ordinaryNamesAreLeftAlone() {
        for (String name : new String[] {"page", "per_page", "sort", "order_by", "include_subgroups", "type"}) {
            assertFalse(Redact.secretName(name), name);
        }
        for (String name : new String[] {"token", "private_token", "access_token", "client_secret", "passwd",
                "api_key", "X-Amz-Security-Token", "sig", "signature", "auth", "code"}) {
            assertTrue(Redact.secretName(name), name);
        }
    }
}
