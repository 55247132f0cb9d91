package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOnOneToHundred() {
        long[] values = LongStream.rangeClosed(1, 100).toArray();
        Percentiles p = Percentiles.of(values);
        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p90()).isEqualTo(90);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.p999()).isEqualTo(100);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.mean()).isEqualTo(50.5);
    }

    @Test
    void orderOfInputDoesNotMatterAndInputIsNotSorted() {
        long[] values = {5, 1, 4, 2, 3};
        Percentiles p = Percentiles.of(values);
        assertThat(p.p50()).isEqualTo(3);
        assertThat(p.max()).isEqualTo(5);
        assertThat(values).containsExactly(5, 1, 4, 2, 3);
    }

    @Test
    void p999NeedsAThousandValuesToDifferFromMax() {
        long[] values = LongStream.rangeClosed(1, 2000).toArray();
        Percentiles p = Percentiles.of(values);
        assertThat(p.p999()).isEqualTo(1998);
        assertThat(p.p99()).isEqualTo(1980);
    }

    @Test
    void onlyTheFirstNValuesCount() {
        Percentiles p = Percentiles.of(new long[] {7, 9, 1000, 1000}, 2);
        assertThat(p.count()).isEqualTo(2);
        assertThat(p.max()).isEqualTo(9);
    }

    @Test
    void singleAndEmptySamples() {
        assertThat(Percentiles.of(42L).p99()).isEqualTo(42);
        assertThat(Percentiles.of(new long[0])).isEqualTo(Percentiles.EMPTY);
        assertThatThrownBy(() -> Percentiles.of(new long[1], 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recorderKeepsUpToItsCapAndCountsTheRest() {
        LatencyRecorder r = new LatencyRecorder(3);
        for (int i = 1; i <= 5; i++) {
            r.record(i);
        }
        assertThat(r.summary().count()).isEqualTo(3);
        assertThat(r.summary().max()).isEqualTo(3);
        assertThat(r.dropped()).isEqualTo(2);
        r.clear();
        assertThat(r.summary()).isEqualTo(Percentiles.EMPTY);
    }
}
