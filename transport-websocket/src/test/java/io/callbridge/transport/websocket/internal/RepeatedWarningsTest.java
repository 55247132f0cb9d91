package io.callbridge.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatedWarningsTest {
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void theFirstOfAKindIsLoggedThenOnePerIntervalSayingHowManyWereHeldBack() {
        RepeatedWarnings warnings = new RepeatedWarnings(MINUTE, 4);
        assertThat(warnings.admit("event boom", 0)).isZero();
        for (int i = 1; i <= 99; i++) {
            assertThat(warnings.admit("event boom", i * 1_000_000L)).isEqualTo(-1);
        }
        assertThat(warnings.admit("event other", 5)).as("another kind has its own allowance").isZero();
        assertThat(warnings.admit("event boom", MINUTE)).isEqualTo(99);
        assertThat(warnings.admit("event boom", MINUTE + 1)).isEqualTo(-1);
        assertThat(RepeatedWarnings.heldBackNote(99)).isEqualTo("; 99 more like it were not logged");
        assertThat(RepeatedWarnings.heldBackNote(0)).isEmpty();
    }

    @Test
    void kindsBeyondTheBoundShareOneAllowance() {
        RepeatedWarnings warnings = new RepeatedWarnings(MINUTE, 2);
        assertThat(warnings.admit("a", 0)).isZero();
        assertThat(warnings.admit("b", 0)).isZero();
        assertThat(warnings.admit("c", 0)).as("the first beyond the bound").isZero();
        assertThat(warnings.admit("d", 1)).isEqualTo(-1);
        assertThat(warnings.admit("e", 2)).isEqualTo(-1);
        assertThat(warnings.admit("a", 3)).as("known kinds keep their own").isEqualTo(-1);
        assertThat(warnings.admit("f", MINUTE)).isEqualTo(2);
    }
}
