package io.callbridge.adapter.hubspot;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.hubspot.message.SizeInfo;
import io.callbridge.core.bridge.CallScope;
import io.callbridge.core.bridge.RetryPolicy;
import io.callbridge.testkit.SettingsWithers;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HubSpotSettingsWithersTest {

    @Test
    void everyComponentHasAWitherThatChangesOnlyIt() throws Exception {
        SettingsWithers.check(HubSpotSettings.DEFAULTS, Map.ofEntries(
                entry("createEngagement", false),
                entry("multipleMatches", HubSpotSettings.MultipleMatches.NAVIGATE_TO_FIRST),
                entry("engagementIdTimeout", Duration.ofMinutes(1)),
                entry("dispositions", Map.of("connected", "f240bbac-87c9-4f6e-bf70-924b57d47db7")),
                entry("widgetSize", new SizeInfo(400, 700)),
                entry("finalizeEngagement", true),
                entry("invocationTimeout", Duration.ofSeconds(20)),
                entry("retryDelay", Duration.ofSeconds(5)),
                entry("retry", new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 4)),
                entry("callScope", CallScope.NOT_STARTED_IN_OTHER_CRMS),
                entry("fallbackFromNumber", "+14155550000")),
                // retryDelay is always retry.initialBackoff(): setting one sets the other.
                Map.of("retryDelay", Set.of("retry"), "retry", Set.of("retryDelay")),
                Map.ofEntries(
                        entry("engagementIdTimeout", Duration.ZERO),
                        entry("invocationTimeout", Duration.ofSeconds(-1)),
                        entry("dispositions", Map.of("connected", " ")),
                        entry("fallbackFromNumber", "(415) 555-0000")));
    }

    @Test
    void retryDelayMovesTheFirstBackoffOfTheRetryPolicyAndKeepsTheRest() {
        HubSpotSettings s = HubSpotSettings.DEFAULTS.withRetryDelay(Duration.ofSeconds(5));
        assertThat(s.retry()).isEqualTo(RetryPolicy.DEFAULT.withInitialBackoff(Duration.ofSeconds(5)));
        assertThat(HubSpotSettings.DEFAULTS.withRetryDelay(Duration.ofMinutes(5)).retry().maxBackoff())
                .isEqualTo(Duration.ofMinutes(5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HubSpotSettings.DEFAULTS.withRetryDelay(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("retryDelay must be positive");
    }
}
