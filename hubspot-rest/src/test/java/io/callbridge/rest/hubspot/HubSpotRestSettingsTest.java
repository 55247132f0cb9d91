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
}
