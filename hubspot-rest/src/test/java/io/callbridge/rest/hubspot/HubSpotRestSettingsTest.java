package io.callbridge.rest.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotRestSettingsTest {
    private final HubSpotRestSettings d = HubSpotRestSettings.DEFAULTS;

    @Test
    void defaults() {
        assertThat(d.baseUri()).isEqualTo(URI.create("https://api.hubapi.com"));
        assertThat(d.deadline()).isEqualTo(Duration.ofMinutes(3));
        assertThat(d.requestsPerTenSeconds()).isEqualTo(100);
        assertThat(d.ledgerTtl()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void withersChangeOneValue() {
        assertThat(d.withDeadline(Duration.ofMinutes(5)).deadline()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.withDeadline(Duration.ofMinutes(5)).requestTimeout()).isEqualTo(d.requestTimeout());
        assertThat(d.withRequestsPerTenSeconds(40).requestsPerTenSeconds()).isEqualTo(40);
        assertThat(d.withDispositions(Map.of("ok", "Connected")).dispositions()).containsEntry("ok", "Connected");
        assertThat(d.withRetryBackoff(Duration.ofMinutes(10)).maxRetryBackoff()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.withBaseUri(URI.create("http://127.0.0.1:8080")).baseUri().getPort()).isEqualTo(8080);
    }

    @Test
    void invalidValuesNameTheField() {
        assertThatThrownBy(() -> d.withDeadline(Duration.ZERO)).hasMessageContaining("deadline");
        assertThatThrownBy(() -> d.withRequestTimeout(Duration.ofSeconds(-1))).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> d.withRequestsPerTenSeconds(0)).hasMessageContaining("requestsPerTenSeconds");
        assertThatThrownBy(() -> d.withBaseUri(URI.create("ftp://x"))).hasMessageContaining("baseUri");
        assertThatThrownBy(() -> d.withBaseUri(URI.create("https://api.hubapi.com/crm")))
                .hasMessageContaining("baseUri");
        assertThatThrownBy(() -> d.withDispositions(Map.of("ok", " "))).hasMessageContaining("dispositions");
        assertThatThrownBy(() -> d.withMaxRetryBackoff(Duration.ofSeconds(1))).hasMessageContaining("maxRetryBackoff");
        assertThatThrownBy(() -> d.withLedgerTtl(Duration.ZERO)).hasMessageContaining("ledgerTtl");
        assertThatThrownBy(() -> d.withSearchSettle(Duration.ZERO)).hasMessageContaining("searchSettle");
    }

    @Test
    void theRecordingAppAndItsExternalAccountIdsAreCheckedNamingTheField() {
        assertThat(d.recordingAppId()).isNull();
        assertThat(d.externalAccountIds()).isEmpty();
        HubSpotRestSettings app = d.withRecordingApp(42L).withExternalAccountIds(Map.of(777L, "acme-eu-1"));
        assertThat(app.recordingAppId()).isEqualTo(42L);
        assertThat(app.externalAccountId(777L)).isEqualTo("acme-eu-1");
        assertThat(app.externalAccountId(778L)).as("a portal without one is named by its id").isEqualTo("778");

        assertThatThrownBy(() -> d.withRecordingApp(0)).hasMessageContaining("recordingAppId");
        assertThatThrownBy(() -> d.withRecordingApp(42L).withExternalAccountIds(Map.of(0L, "x")))
                .hasMessageContaining("externalAccountIds");
        assertThatThrownBy(() -> d.withRecordingApp(42L).withExternalAccountIds(Map.of(777L, " ")))
                .hasMessageContaining("externalAccountIds");
        assertThatThrownBy(() -> d.withRecordingApp(42L).withExternalAccountIds(Map.of(777L, "x".repeat(300))))
                .hasMessageContaining("externalAccountIds");
        // Without an app here: HubSpotRestModule may take it from the installed recording endpoint's settings.
        assertThat(d.withExternalAccountIds(Map.of(777L, "acme-eu-1")).externalAccountId(777L)).isEqualTo("acme-eu-1");
    }
}
