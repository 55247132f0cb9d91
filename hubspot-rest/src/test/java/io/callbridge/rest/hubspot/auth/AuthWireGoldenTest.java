package io.callbridge.rest.hubspot.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OAuth bodies HubSpot sends and the stored tokens, against their golden fixtures. */
class AuthWireGoldenTest {

    @Test
    void theTokenAnswerIsRead() {
        TokenResponse token = TokenResponse.parse(Golden.text("oauth/token-response.json"));
        assertThat(token.accessToken()).startsWith("CKDZ");
        assertThat(token.refreshToken()).isEqualTo("na1-6f18-4d95-a6e5-3d5c6e5c9e5a");
        assertThat(token.expiresInSeconds()).isEqualTo(1800);
        assertThat(token.hubId()).isEqualTo(62515L);
        assertThat(token.scopes()).contains("crm.objects.contacts.write");
        assertThat(token.toString()).doesNotContain("CKDZ").doesNotContain("na1-");
    }

    @Test
    void aBrokenTokenAnswerNamesTheField() {
        assertThatThrownBy(() -> TokenResponse.parse("{\"expires_in\":1800}")).hasMessageContaining("access_token");
        assertThatThrownBy(() -> TokenResponse.parse("{\"access_token\":\"a\",\"expires_in\":\"soon\"}"))
                .hasMessageContaining("expires_in");
        assertThatThrownBy(() -> TokenResponse.parse("{\"access_token\":\"a\",\"expires_in\":1,\"hub_id\":-3}"))
                .hasMessageContaining("hub_id");
        assertThatThrownBy(() -> TokenResponse.parse("{\"access_token\":\"a\",\"expires_in\":1,\"token_type\":\"mac\"}"))
                .hasMessageContaining("token_type");
        assertThatThrownBy(() -> TokenResponse.parse("<html>")).hasMessageContaining("not JSON");
    }

    @Test
    void refusalsInHubSpotsShapeAndOAuthsAreBothGrantRefusals() {
        OAuthErrorBody hubspot = OAuthErrorBody.parse(Golden.text("oauth/token-error-bad-refresh-token.json"));
        assertThat(hubspot.grantRefused()).isTrue();
        assertThat(hubspot.summary(400)).isEqualTo("BAD_REFRESH_TOKEN: missing or invalid refresh token "
                + "(correlationId aeb5f871-7f07-4993-9211-075dc63e7cbf)");
        OAuthErrorBody oauth = OAuthErrorBody.parse(Golden.text("oauth/token-error-invalid-grant.json"));
        assertThat(oauth.grantRefused()).isTrue();
        assertThat(oauth.summary(400)).startsWith("invalid_grant: The refresh token");
        OAuthErrorBody other = OAuthErrorBody.parse("{\"status\":\"BAD_CLIENT_SECRET\",\"message\":\"no\"}");
        assertThat(other.grantRefused()).isFalse();
        assertThat(OAuthErrorBody.parse("Bad Gateway").summary(502)).isEqualTo("HTTP 502");
    }

    @Test
    void theIntrospectionAnswerGivesThePortalOfAnActiveToken() {
        IntrospectionResponse answer = IntrospectionResponse.parse(Golden.text("oauth/introspection-response.json"));
        assertThat(answer.activeHubId()).isEqualTo(62515L);
        assertThat(IntrospectionResponse.parse("{\"active\":false}").activeHubId()).isNull();
        assertThatThrownBy(() -> IntrospectionResponse.parse("{}")).hasMessageContaining("active");
    }

    @Test
    void storedTokensAreWrittenAsTheFixtureAndReadBack() {
        StoredTokens tokens = new StoredTokens(62515L, "CKDZpunPLhICAQEYs-gDIIGOBii1hQIyGQAf3xBKEgsYjYMJ",
                "na1-6f18-4d95-a6e5-3d5c6e5c9e5a", Instant.parse("2026-12-02T10:30:00Z"),
                List.of("oauth", "crm.objects.contacts.write"), Instant.parse("2026-12-02T10:29:25Z"), null);
        assertThat(Golden.parse(tokens.toJson())).isEqualTo(Golden.tree("oauth/stored-tokens.json"));
        assertThat(StoredTokens.fromJson(Golden.text("oauth/stored-tokens.json"))).isEqualTo(tokens);
        assertThat(tokens.toString()).doesNotContain("CKDZ").doesNotContain("na1-");
        assertThatThrownBy(() -> StoredTokens.fromJson("{\"portalId\":1,\"accessToken\":\"a\"}"))
                .hasMessageContaining("refreshToken");
        assertThatThrownBy(() -> StoredTokens.fromJson(
                "{\"portalId\":1,\"accessToken\":\"a\",\"refreshToken\":\"r\",\"expiresAt\":\"later\"}"))
                .hasMessageContaining("expiresAt");
    }
}
