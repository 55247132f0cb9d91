package io.callbridge.adapter.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A marker's time reads exactly as {@link Instant#toString()} has it, so markers already written stay readable. */
class MarkerTimeTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T00:05:00Z", "2026-01-01T00:00:00.250Z", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999999999Z", "2000-02-29T12:34:56.000001Z", "2100-02-28T23:59:59.100Z",
        "2024-12-31T23:59:59.123456789Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "0001-03-01T00:00:00Z",
        "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
        "+1000000000-12-31T23:59:59.999999999Z"})
    void readsAsTheJdkWritesIt(String text) {
        Instant instant = Instant.parse(text);
        assertThat(MarkerTime.format(instant)).isEqualTo(instant.toString()).isEqualTo(text);
    }

    @Test
    void everyDayOfFourHundredYearsAndRandomInstantsReadAsTheJdkWritesThem() {
        long day = 86_400;
        for (long s = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
                s < Instant.parse("2300-01-01T00:00:00Z").getEpochSecond(); s += day) {
            Instant midnight = Instant.ofEpochSecond(s);
            assertThat(MarkerTime.format(midnight)).isEqualTo(midnight.toString());
            assertThat(MarkerTime.format(midnight.minusNanos(1))).isEqualTo(midnight.minusNanos(1).toString());
        }
        Random random = new Random(11);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond() - 10 * day;
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 10 * day;
        for (int n = 0; n < 200_000; n++) {
            int nanos = switch (n % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)), nanos);
            assertThat(MarkerTime.format(instant)).isEqualTo(instant.toString());
        }
    }
}
