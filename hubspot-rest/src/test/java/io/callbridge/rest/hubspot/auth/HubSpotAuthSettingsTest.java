package io.callbridge.rest.hubspot.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import io.callbridge.rest.hubspot.auth.inject.HubSpotAuthModules;
import io.callbridge.rest.hubspot.HubSpotAccessTokens;
import io.callbridge.rest.hubspot.HubSpotAuthException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings records name the field they refuse; secrets stay out of text. */
class HubSpotAuthSettingsTest {
    static final URI REDIRECT = URI.create("https://calls.acme.example/hubspot/oauth/callback");
    static final List<String> SCOPES = List.of("crm.objects.contacts.write");

    @Test
    void oauthSettingsDefaultToHubSpotAndTheRedirectPath() {
        HubSpotOAuthSettings s = HubSpotOAuthSettings.of("client-1", "s3cr3t", REDIRECT, SCOPES);
        assertThat(s.authorizeUrl()).hasToString("https://app.hubspot.com/oauth/authorize");
        assertThat(s.apiBaseUrl()).hasToString("https://api.hubapi.com");
        assertThat(s.callbackPath()).isEqualTo("/hubspot/oauth/callback");
        assertThat(s.installPath()).isEqualTo("/hubspot/oauth/install");
        assertThat(s.stateLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.toString()).doesNotContain("s3cr3t").contains("clientSecret=****");
        assertThat(HubSpotOAuthSettings.of("client-1", "s", URI.create("http://127.0.0.1:8080/cb"), SCOPES)
                .redirectUri().getScheme()).isEqualTo("http");
    }

    @Test
    void eachBadOAuthSettingIsNamed() {
        assertThatThrownBy(() -> HubSpotOAuthSettings.of("client-1", "s", URI.create("http://calls.acme.example/cb"),
                SCOPES)).hasMessageContaining("redirectUri must use https");
        assertThatThrownBy(() -> HubSpotOAuthSettings.of("client-1", "s", REDIRECT, List.of()))
                .hasMessageContaining("scopes must name at least one");
        assertThatThrownBy(() -> HubSpotOAuthSettings.of("client-1", "s", REDIRECT, List.of("Contacts Read")))
                .hasMessageContaining("scopes must hold HubSpot scope names");
        assertThatThrownBy(() -> HubSpotOAuthSettings.of("client-1", "s", REDIRECT, List.of("oauth", "oauth")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> HubSpotOAuthSettings.of("client 1", "s", REDIRECT, SCOPES))
                .hasMessageContaining("clientId");
        assertThatThrownBy(() -> HubSpotOAuthSettings.of("client-1", " ", REDIRECT, SCOPES))
                .hasMessageContaining("clientSecret");
        assertThatThrownBy(() -> HubSpotOAuthSettings.of("client-1", "s", URI.create("https://calls.acme.example"),
                SCOPES)).hasMessageContaining("callbackPath");
        HubSpotOAuthSettings ok = HubSpotOAuthSettings.of("client-1", "s", REDIRECT, SCOPES);
        assertThatThrownBy(() -> ok.withPaths("/hubspot/oauth/callback", "/hubspot/oauth/callback"))
                .hasMessageContaining("must not overlap");
        assertThatThrownBy(() -> ok.withStateLifetime(Duration.ofHours(2))).hasMessageContaining("stateLifetime");
        assertThatThrownBy(() -> ok.withHubSpot(URI.create("http://hubspot.example/authorize"), ok.apiBaseUrl()))
                .hasMessageContaining("authorizeUrl");
        assertThatThrownBy(() -> ok.withRequestTimeout(Duration.ZERO)).hasMessageContaining("requestTimeout");
    }

    @Test
    void aPrivateAppTokenIsItsPortalsOnlyAndNeverShown() throws Exception {
        String token = "pat-na1-0000-secret";
        HubSpotAccessTokens tokens = Guice.createInjector(HubSpotAuthModules.privateApp(token, 62515L))
                .getInstance(HubSpotAccessTokens.class);
        assertThat(tokens.accessToken(62515L)).isEqualTo(token);
        assertThat(tokens.toString()).doesNotContain(token).contains("62515");
        assertThatThrownBy(() -> tokens.accessToken(1L)).isInstanceOf(HubSpotAuthException.class)
                .hasMessageContaining("portal 1").hasMessageNotContaining(token);
        tokens.refused(62515L, "another-token");
        assertThat(tokens.accessToken(62515L)).isEqualTo(token);
        tokens.refused(62515L, token);
        assertThatThrownBy(() -> tokens.accessToken(62515L)).hasMessageContaining("rotated")
                .hasMessageNotContaining(token);
        assertThatThrownBy(() -> new HubSpotPrivateAppToken("two words", 1)).hasMessageContaining("token")
                .hasMessageNotContaining("two words");
        assertThatThrownBy(() -> new HubSpotPrivateAppToken(token, 0)).hasMessageContaining("portalId");
    }
}
