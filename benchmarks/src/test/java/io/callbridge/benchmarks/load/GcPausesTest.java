package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GcPausesTest {

    @Test
    void theAnswerLineRoundTrips() {
        GcPauses gc = new GcPauses(12, 340, 45);
        assertThat(gc.line()).isEqualTo("GC 12 340 45");
        assertThat(GcPauses.parse(gc.line())).isEqualTo(gc);
        assertThatThrownBy(() -> GcPauses.parse("CPU 12")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU 12");
    }

    @Test
    void aWindowIsTheDifferenceOfTotalsWithTheLongestSinceTheFirstAsk() {
        GcPauses window = new GcPauses(15, 400, 30).since(new GcPauses(10, 250, 99));
        assertThat(window).isEqualTo(new GcPauses(5, 150, 30));
    }

    @Test
    void theWatchSeesThisJvmsCollections() {
        GcPauses.Watch watch = GcPauses.Watch.install();
        GcPauses before = watch.ask();
        System.gc();
        // Notifications arrive on a JMX thread shortly after the collection.
        long deadline = System.nanoTime() + 5_000_000_000L;
        GcPauses after = watch.ask();
        while (after.collections() == before.collections() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            after = watch.ask();
        }
        assertThat(after.collections()).isGreaterThan(before.collections());
        assertThat(after.totalMillis()).isGreaterThanOrEqualTo(before.totalMillis());
    }
}
