package io.callbridge.crmsim.rest.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.testkit.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The simulated OAuth, calling-settings and recording endpoints refuse what HubSpot refuses, over real HTTP. */
class HubSpotOAuthSimulatorTest {
    static final String REDIRECT = "https://calls.acme.example/hubspot/oauth/callback";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final MutableClock clock = MutableClock.atDefaultStart();
    final HubSpotPortalTokens tokens = new HubSpotPortalTokens(clock);
    final HubSpotOAuthSimulator oauth = new HubSpotOAuthSimulator(tokens, clock, 42, "client-1", "secret-1")
            .allowRedirectUri(REDIRECT);
    final HubSpotCallingSettingsSimulator settings = new HubSpotCallingSettingsSimulator(42, "dev-key", clock);
    final HubSpotRecordingSimulator recordings = new HubSpotRecordingSimulator(tokens, clock);
    Server server;

    @BeforeEach
    void start() throws Exception {
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.setHandler(new Handler.Sequence(oauth, settings, recordings));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
    }

    HttpResponse<String> form(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> json(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode tree(HttpResponse<String> response) {
        return HubSpotOAuthSimHttp.JSON.readTree(response.body());
    }

    String exchange(String code) {
        return "grant_type=authorization_code&client_id=client-1&client_secret=secret-1&redirect_uri="
                + java.net.URLEncoder.encode(REDIRECT, java.nio.charset.StandardCharsets.UTF_8) + "&code=" + code;
    }

    @Test
    void aCodeIsSingleUseAndExpiresAndTheRefreshKeepsTheRefreshToken() throws Exception {
        String code = oauth.issueCode(9, REDIRECT, List.of("oauth"));
        HttpResponse<String> first = form("/oauth/v3/token", exchange(code));
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode answer = tree(first);
        assertThat(answer.get("expires_in").asLong()).isEqualTo(1800);
        assertThat(answer.get("hub_id").asLong()).isEqualTo(9);
        assertThat(tokens.check(answer.get("access_token").asString()))
                .isEqualTo(new HubSpotPortalTokens.Check.Valid(9));

        HttpResponse<String> again = form("/oauth/v3/token", exchange(code));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(tree(again).get("status").asString()).isEqualTo("BAD_AUTH_CODE");

        String late = oauth.issueCode(9, REDIRECT, List.of("oauth"));
        clock.advance(HubSpotOAuthSimulator.CODE_LIFETIME);
        assertThat(tree(form("/oauth/v3/token", exchange(late))).get("status").asString()).isEqualTo("BAD_AUTH_CODE");

        String refresh = answer.get("refresh_token").asString();
        HttpResponse<String> refreshed = form("/oauth/v3/token",
                "grant_type=refresh_token&client_id=client-1&client_secret=secret-1&refresh_token=" + refresh);
        assertThat(tree(refreshed).get("refresh_token").asString()).isEqualTo(refresh);
        assertThat(oauth.refreshes()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(31));
        assertThat(tokens.check(answer.get("access_token").asString()))
                .isEqualTo(new HubSpotPortalTokens.Check.Expired(9));
        oauth.uninstall(9);
        HttpResponse<String> refused = form("/oauth/v3/token",
                "grant_type=refresh_token&client_id=client-1&client_secret=secret-1&refresh_token=" + refresh);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(tree(refused).get("status").asString()).isEqualTo("BAD_REFRESH_TOKEN");
        assertThat(tree(refused).has("correlationId")).isTrue();
    }

    @Test
    void badClientsRedirectsGrantsAndQueryParametersAreRefused() throws Exception {
        String code = oauth.issueCode(9, REDIRECT, List.of("oauth"));
        assertThat(tree(form("/oauth/v3/token", exchange(code).replace("secret-1", "nope"))).get("status").asString())
                .isEqualTo("BAD_CLIENT_SECRET");
        assertThat(tree(form("/oauth/v3/token", exchange(code).replace("client_id=client-1", "client_id=x")))
                .get("status").asString()).isEqualTo("BAD_CLIENT_ID");
        assertThat(tree(form("/oauth/v3/token", "grant_type=password")).get("status").asString())
                .isEqualTo("BAD_GRANT_TYPE");
        String other = oauth.issueCode(9, REDIRECT, List.of("oauth"));
        assertThat(tree(form("/oauth/v3/token", exchange(other).replace("callback", "elsewhere"))).get("status")
                .asString()).isEqualTo("BAD_REDIRECT_URI");
        HttpResponse<String> inQuery = HTTP.send(HttpRequest.newBuilder(uri("/oauth/v3/token?client_secret=secret-1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(inQuery.statusCode()).isEqualTo(400);
    }

    @Test
    void theAuthorizePageConsentsOnlyForARegisteredRedirect() throws Exception {
        HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String authorize = "/oauth/authorize?client_id=client-1&scope=oauth&state=abc&redirect_uri="
                + java.net.URLEncoder.encode(REDIRECT, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(noRedirects.send(HttpRequest.newBuilder(uri(authorize)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        oauth.consentAs(9);
        HttpResponse<String> back = noRedirects.send(HttpRequest.newBuilder(uri(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT + "?code=")
                .endsWith("&state=abc");
        assertThat(noRedirects.send(HttpRequest.newBuilder(uri(authorize.replace("callback", "evil"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
    }

    @Test
    void theSettingsApiIsStrict() throws Exception {
        String base = "/crm/extensions/calling/2026-03/42/settings?hapikey=dev-key";
        assertThat(json("GET", base.replace("dev-key", "x"), "", null).statusCode()).isEqualTo(401);
        assertThat(json("GET", base, "", null).statusCode()).isEqualTo(404);
        HttpResponse<String> partial = json("POST", base, "{\"name\":\"A\",\"url\":\"https://a.example\"}", null);
        assertThat(partial.statusCode()).isEqualTo(400);
        assertThat(tree(partial).path("errors").get(0).path("context").path("propertyName").get(0).asString())
                .isEqualTo("width");
        String full = "{\"name\":\"A\",\"url\":\"https://a.example\",\"width\":1,\"height\":2,\"isReady\":true,"
                + "\"supportsCustomObjects\":false,\"supportsInboundCalling\":true,\"usesCallingWindow\":false,"
                + "\"usesRemote\":true}";
        assertThat(json("POST", base, full, null).statusCode()).isEqualTo(200);
        assertThat(json("POST", base, full, null).statusCode()).isEqualTo(409);
        HttpResponse<String> unknown = json("PATCH", base, "{\"colour\":\"red\"}", null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("colour");
        assertThat(json("PATCH", base, "{\"width\":\"wide\"}", null).body()).contains("width must be");
        assertThat(json("PATCH", base, "{\"width\":3}", null).statusCode()).isEqualTo(200);
        assertThat(settings.settings().orElseThrow()).containsEntry("width", 3).containsEntry("height", 2);
        String recording = "/crm/v3/extensions/calling/42/settings/recording?hapikey=dev-key";
        assertThat(json("POST", recording, "{\"urlToRetrieveAuthedRecording\":\"https://a.example/r\"}", null)
                .statusCode()).isEqualTo(400);
        assertThat(json("POST", recording, "{\"urlToRetrieveAuthedRecording\":\"https://a.example/r/%s\"}", null)
                .statusCode()).isEqualTo(200);
        assertThat(settings.recordingUrlTemplate()).contains("https://a.example/r/%s");
    }

    @Test
    void recordingReadyNeedsAValidTokenAndAnEngagementId() throws Exception {
        tokens.accept("t-1", 9, clock.instant().plus(Duration.ofMinutes(30)));
        String path = HubSpotRecordingSimulator.READY_PATH;
        assertThat(json("POST", path, "{\"engagementId\":5}", null).statusCode()).isEqualTo(401);
        assertThat(json("POST", path, "{}", "t-1").statusCode()).isEqualTo(400);
        assertThat(json("POST", path, "{\"engagementId\":5,\"x\":1}", "t-1").statusCode()).isEqualTo(400);
        assertThat(json("POST", path, "{\"engagementId\":5}", "t-1").statusCode()).isEqualTo(204);
        clock.advance(Duration.ofMinutes(31));
        HttpResponse<String> expired = json("POST", path, "{\"engagementId\":6}", "t-1");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(tree(expired).get("category").asString()).isEqualTo("EXPIRED_AUTHENTICATION");
        assertThat(recordings.ready()).containsExactly(new HubSpotRecordingSimulator.Ready(9, 5));
    }
}
