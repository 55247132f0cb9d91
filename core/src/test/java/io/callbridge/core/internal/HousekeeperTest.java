package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.callbridge.core.CoreSettings;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.Direction;
import io.callbridge.core.spi.HousekeepingLease;
import io.callbridge.core.spi.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A round of housekeeping runs only on the node that holds the lease; the default lease is always granted. */
class HousekeeperTest {
    private final EngineHarness h = new EngineHarness();
    private final CallId old = CallId.of("old");

    /** A wrapped-up call past its retention: a round that runs forgets it. */
    private void oldCall() {
        h.put(EngineHarness.callIn(old, ALICE, Direction.OUTBOUND, CallState.WRAPPED_UP));
        h.advance(CoreSettings.DEFAULTS.callRetention().plusMinutes(5));
    }

    @Test
    void theDefaultLeaseOfASingleNodeIsAlwaysGranted() {
        oldCall();
        Housekeeper housekeeper = new Housekeeper(h.engine, HousekeepingLease.alwaysGranted());
        assertThat(housekeeper.runOnce()).isTrue();
        assertThat(h.engine.call(old)).isEmpty();
    }

    @Test
    void aNodeWithoutTheLeaseSkipsTheRoundAndAStopGivesTheLeaseUp() {
        oldCall();
        Lease lease = new Lease();
        Housekeeper housekeeper = new Housekeeper(h.engine, lease, Duration.ofSeconds(2));

        lease.grant = false;
        assertThat(housekeeper.runOnce()).isFalse();
        assertThat(h.engine.call(old)).as("not this node's round").isPresent();
        lease.unavailable = true;
        assertThat(housekeeper.runOnce()).as("an unknown lease is not held").isFalse();
        assertThat(h.engine.call(old)).isPresent();

        lease.unavailable = false;
        lease.grant = true;
        assertThat(housekeeper.runOnce()).isTrue();
        assertThat(h.engine.call(old)).isEmpty();
        assertThat(lease.asked).as("asked for three periods each round").containsOnly(Duration.ofSeconds(6));

        housekeeper.stop();
        assertThat(lease.released).hasSize(1);
    }

    @Test
    void theFirstRoundIsFullThenOnlyTheOpenValuesAreReadUntilTheFullPeriodHasPassed() {
        DefaultCallEngine engine = spy(h.engine);
        Housekeeper housekeeper = new Housekeeper(engine, HousekeepingLease.alwaysGranted(), Duration.ofSeconds(5),
                Duration.ofMinutes(5), h.clock);
        assertThat(housekeeper.runOnce()).isTrue();
        verify(engine, times(1)).housekeeping();
        verify(engine, never()).housekeepOpen();

        h.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(housekeeper.runOnce()).isTrue();
        assertThat(housekeeper.runOnce()).isTrue();
        verify(engine, times(1)).housekeeping();
        verify(engine, times(2)).housekeepOpen();

        h.advance(Duration.ofMillis(1));
        assertThat(housekeeper.runOnce()).isTrue();
        verify(engine, times(2)).housekeeping();
        verify(engine, times(2)).housekeepOpen();
    }

    @Test
    void aFullPeriodShorterThanThePeriodIsRefusedNamingIt() {
        assertThatThrownBy(() -> new Housekeeper(h.engine, HousekeepingLease.alwaysGranted(), Duration.ofSeconds(5),
                Duration.ofSeconds(4), h.clock)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fullPeriod must be at least the period");
    }

    @Test
    void aFullRoundThatFailedIsTriedAgainAtTheNextRound() {
        DefaultCallEngine engine = spy(h.engine);
        doThrow(new StoreUnavailableException("down")).doCallRealMethod().when(engine).housekeeping();
        Housekeeper housekeeper = new Housekeeper(engine, HousekeepingLease.alwaysGranted(), Duration.ofSeconds(5),
                Duration.ofMinutes(5), h.clock);
        assertThat(housekeeper.runOnce()).isTrue();
        assertThat(housekeeper.runOnce()).isTrue();
        verify(engine, times(2)).housekeeping();
        verify(engine, never()).housekeepOpen();
    }

    private static final class Lease implements HousekeepingLease {
        boolean grant = true;
        boolean unavailable;
        final List<Duration> asked = new ArrayList<>();
        final List<String> released = new ArrayList<>();

        @Override
        public boolean acquire(String holder, Duration ttl) {
            asked.add(ttl);
            if (unavailable) {
                throw new StoreUnavailableException("store down");
            }
            return grant;
        }

        @Override
        public void release(String holder) {
            released.add(holder);
        }
    }
}
