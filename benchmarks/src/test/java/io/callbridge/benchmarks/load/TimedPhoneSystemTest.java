package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CommandResult;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.ProviderEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class TimedPhoneSystemTest {
    private static final PhoneNumber NUMBER = new PhoneNumber("+16175550100", null, "+16175550100");

    @Test
    void aCallIsTakenUpRungAnsweredAndEndedWithTheMeasuredReportsStampedInOrder() throws Exception {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        try {
            TimedPhoneSystem phone = new TimedPhoneSystem(timers, Duration.ofMillis(5), Duration.ofMillis(10),
                    Duration.ofMillis(15), NUMBER);
            List<ProviderEvent> reported = new CopyOnWriteArrayList<>();
            phone.reportTo(event -> {
                reported.add(event);
                return new CommandResult.Accepted(List.of());
            });
            long before = Clocks.epochMicros();
            phone.placeCall(CallId.of("c-1"), AgentId.of("acme", "a"), null, NUMBER);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (reported.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(reported).extracting(e -> e.getClass().getSimpleName())
                    .containsExactly("Dialing", "Ringing", "Answered", "Ended");
            List<TimedPhoneSystem.Stamp> stamps = new ArrayList<>();
            phone.drainStamps(stamps::add);
            assertThat(stamps).extracting(TimedPhoneSystem.Stamp::callId).containsOnly("c-1");
            assertThat(stamps).extracting(TimedPhoneSystem.Stamp::kind).containsExactly("DIALING", "ANSWERED", "ENDED");
            assertThat(stamps).extracting(TimedPhoneSystem.Stamp::epochMicros).isSorted()
                    .allSatisfy(micros -> assertThat(micros).isGreaterThanOrEqualTo(before));
            List<TimedPhoneSystem.Stamp> again = new ArrayList<>();
            phone.drainStamps(again::add);
            assertThat(again).as("drained stamps are forgotten").isEmpty();
            assertThat(phone.rejectedReports()).isZero();
        } finally {
            timers.shutdownNow();
        }
    }
}
