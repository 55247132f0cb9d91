package io.callbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSideSettingsTest {

    @Test
    void defaults() {
        assertThat(ServerSideSettings.DEFAULTS).isEqualTo(new ServerSideSettings(Duration.ofSeconds(5),
                Duration.ofSeconds(60), 2));
    }

    @Test
    void everyComponentHasAWither() throws Exception {
        Withers.check(ServerSideSettings.DEFAULTS,
                Map.of("sweepInterval", Duration.ofSeconds(1), "claimLease", Duration.ofMinutes(2), "threads", 4),
                Map.of(),
                Map.of("sweepInterval", Duration.ZERO, "claimLease", Duration.ofMillis(29), "threads", 0));
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        ServerSideSettings d = ServerSideSettings.DEFAULTS;
        assertThatThrownBy(() -> d.withSweepInterval(Duration.ofMillis(5))).hasMessageStartingWith("sweepInterval");
        assertThatThrownBy(() -> d.withSweepInterval(Duration.ofHours(2))).hasMessageStartingWith("sweepInterval");
        assertThatThrownBy(() -> d.withClaimLease(Duration.ofMillis(1))).hasMessageStartingWith("claimLease");
        assertThatThrownBy(() -> d.withClaimLease(null)).hasMessage("claimLease");
        assertThatThrownBy(() -> d.withThreads(65)).hasMessageStartingWith("threads");
        assertThatThrownBy(() -> d.withThreads(0)).hasMessageStartingWith("threads");
    }
}
