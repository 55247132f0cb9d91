package io.callbridge.adapter.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.bridge.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code retry} joined the settings without changing what {@code retryDelay} means. */
class HubSpotSettingsTest {

    @Test
    void theDefaultRetryBacksOffFromTheDefaultRetryDelay() {
        assertThat(HubSpotSettings.DEFAULTS.retryDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(HubSpotSettings.DEFAULTS.retry()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void settingsMadeTheOldWayBackOffFromTheirRetryDelay() {
        HubSpotSettings old = new HubSpotSettings(true, HubSpotSettings.MultipleMatches.SHOW_LIST,
                Duration.ofSeconds(30), Map.of(), null, false, Duration.ofSeconds(5), Duration.ofMillis(500));

        assertThat(old.retry()).isEqualTo(new RetryPolicy(Duration.ofMillis(500), RetryPolicy.DEFAULT.maxBackoff(),
                RetryPolicy.DEFAULT.maxAttempts()));
        HubSpotSettings slow = new HubSpotSettings(true, HubSpotSettings.MultipleMatches.SHOW_LIST,
                Duration.ofSeconds(30), Map.of(), null, false, Duration.ofSeconds(5), Duration.ofMinutes(5));
        assertThat(slow.retry().maxBackoff()).as("never shorter than the first wait").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void withRetrySetsThePolicyAndItsFirstBackoffAsTheRetryDelayAndOtherWithersKeepIt() {
        RetryPolicy mine = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5);
        HubSpotSettings settings = HubSpotSettings.DEFAULTS.withRetry(mine).withFinalizeEngagement(true)
                .withCreateEngagement(false);

        assertThat(settings.retry()).isEqualTo(mine);
        assertThat(settings.retryDelay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRetryDelayThatDisagreesWithThePolicyIsRefused() {
        assertThatThrownBy(() -> new HubSpotSettings(true, HubSpotSettings.MultipleMatches.SHOW_LIST,
                Duration.ofSeconds(30), Map.of(), null, false, Duration.ofSeconds(10), Duration.ofSeconds(3),
                RetryPolicy.DEFAULT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("withRetry");
        assertThatThrownBy(() -> new HubSpotSettings(true, HubSpotSettings.MultipleMatches.SHOW_LIST,
                Duration.ofSeconds(30), Map.of(), null, false, Duration.ofSeconds(10), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("retryDelay must be positive");
    }
}
