package com.example.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callbridge.core.model.AgentId;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.HttpRequest;
import io.callbridge.transport.websocket.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Acme's sign-in endpoints' rules, request by request (the browser runs them in TemplateSignInIT). */
class AcmeSignInTest {
    private static final String ORIGIN = "https://phone.acme.example";
    private static final String NONCE = "0123456789abcdef0123456789abcdef";
    private final AgentTokens tokens = new AgentTokens(new byte[32], Clock.systemUTC());
    private final AcmeSignIn signIn = new AcmeSignIn(tokens, new AcmeConfig("127.0.0.1", 0, ORIGIN, null, null,
            new byte[32], "+1 415 555 0000", "the-shared-password"));

    private static HttpRequest request(String method, String pathInRoute, Map<String, List<String>> query,
            Map<String, List<String>> headers, String body) {
        return new HttpRequest(method, "/acme/x" + pathInRoute, pathInRoute, query, headers,
                body.getBytes(StandardCharsets.UTF_8), true, "127.0.0.1");
    }

    private static String form(String origin, String crm, String agent, String password) {
        return "callbridgeOrigin=" + origin.replace(":", "%3A").replace("/", "%2F") + "&callbridgeNonce=" + NONCE
                + "&crm=" + crm + "&agent=" + agent + "&password=" + password;
    }

    private static String text(HttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void the_right_password_redirects_to_the_last_page_with_a_token_for_that_agent_and_crm_in_the_fragment() {
        HttpResponse response = signIn.signIn(request("POST", "", Map.of(), Map.of(),
                form(ORIGIN, "salesforce", "ann", "the-shared-password")));

        assertEquals(303, response.status());
        String location = response.headers().get("Location");
        assertTrue(location.startsWith("/acme/signin/done?callbridgeOrigin=https%3A%2F%2Fphone.acme.example"
                + "&callbridgeNonce=" + NONCE + "#token="), location);
        String token = URLDecoder.decode(location.substring(location.indexOf("#token=") + 7), StandardCharsets.UTF_8);
        assertEquals(AgentId.of("acme", "ann"), tokens.verify(token).agent());
        assertEquals("salesforce", tokens.verify(token).crm());

        HttpResponse last = signIn.signIn(request("GET", "/done", Map.of(), Map.of(), ""));
        assertTrue(text(last).contains("data-allowed-origins=\"" + ORIGIN + "\""));
        assertEquals("DENY", last.headers().get("X-Frame-Options"));
    }

    @Test
    void a_wrong_password_or_a_foreign_opener_gets_no_token() {
        HttpResponse wrong = signIn.signIn(request("POST", "", Map.of(), Map.of(),
                form(ORIGIN, "hubspot", "ann", "guess")));
        assertEquals(401, wrong.status());
        assertTrue(text(wrong).contains("wrong password"));

        HttpResponse foreign = signIn.signIn(request("POST", "", Map.of(), Map.of(),
                form("https://evil.example", "hubspot", "ann", "the-shared-password")));
        assertEquals(400, foreign.status());
        assertFalse(foreign.headers().containsKey("Location"));
    }

    @Test
    void the_token_endpoint_sets_a_third_party_session_cookie_from_a_handed_back_token_and_issues_from_it() {
        Map<String, List<String>> hubspot = Map.of("crm", List.of("hubspot"));
        assertEquals(401, signIn.token(request("GET", "", hubspot, Map.of(), "")).status());

        String handedBack = tokens.issue(AgentId.of("acme", "ann"), "hubspot", Duration.ofMinutes(5));
        HttpResponse other = signIn.token(request("POST", "", Map.of("crm", List.of("salesforce")),
                Map.of("authorization", List.of("Bearer " + handedBack)), ""));
        assertEquals(403, other.status());

        HttpResponse set = signIn.token(request("POST", "", hubspot,
                Map.of("authorization", List.of("Bearer " + handedBack)), ""));
        assertEquals(204, set.status());
        String cookie = set.headers().get("Set-Cookie");
        assertTrue(cookie.matches("acme_session=[A-Za-z0-9_-]{43}; Path=/acme/token; Max-Age=28800; HttpOnly; Secure; "
                + "SameSite=None; Partitioned"), cookie);

        HttpResponse issued = signIn.token(request("GET", "", hubspot,
                Map.of("cookie", List.of("other=1; " + cookie.substring(0, cookie.indexOf(';')))), ""));
        assertEquals(200, issued.status());
        String token = text(issued).replaceAll("^\\{\"token\":\"(.*)\"}$", "$1");
        assertEquals(AgentId.of("acme", "ann"), tokens.verify(token).agent());
        assertEquals("no-store", issued.headers().get("Cache-Control"));

        assertEquals(401, signIn.token(request("GET", "", hubspot,
                Map.of("cookie", List.of("acme_session=forged")), "")).status());
    }
}
