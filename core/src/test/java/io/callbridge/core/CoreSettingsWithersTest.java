package io.callbridge.core;

import static java.util.Map.entry;

import io.callbridge.core.model.EndStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreSettingsWithersTest {

    @Test
    void everyComponentHasAWitherThatChangesOnlyIt() throws Exception {
        Withers.check(CoreSettings.DEFAULTS, Map.ofEntries(
                entry("defaultRegion", "DE"),
                entry("workMatchWindow", Duration.ofMinutes(5)),
                entry("workTtl", Duration.ofMinutes(10)),
                entry("callRetention", Duration.ofMinutes(15)),
                entry("eventsKeptPerAgent", 32),
                entry("casRetries", 8),
                entry("maxNotesLength", 32_000),
                entry("autoWrapUp", Set.of(EndStatus.MISSED)),
                entry("concurrentCalls", true),
                entry("wrapUpTimeout", Duration.ofMinutes(3))),
                Map.of(),
                Map.ofEntries(
                        entry("workMatchWindow", Duration.ZERO),
                        entry("workTtl", Duration.ofSeconds(-1)),
                        entry("callRetention", Duration.ZERO),
                        entry("eventsKeptPerAgent", 0),
                        entry("casRetries", 0),
                        entry("maxNotesLength", -1),
                        entry("wrapUpTimeout", Duration.ZERO)));
    }
}
