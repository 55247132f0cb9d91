package io.callbridge.rest.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitMonitorTest {

    @Test
    void warnsOnceAbove90PercentAndAgainAfterFallingBelow() {
        LimitMonitor limits = new LimitMonitor();
        assertThat(limits.seen("api-usage=10018/100000")).isFalse();
        assertThat(limits.used()).isEqualTo(10018);
        assertThat(limits.limit()).isEqualTo(100000);
        assertThat(limits.seen("api-usage=90000/100000")).isFalse();
        assertThat(limits.seen("api-usage=90001/100000")).isTrue();
        assertThat(limits.seen("api-usage=95000/100000")).isFalse();
        assertThat(limits.seen("api-usage=100/100000")).isFalse();
        assertThat(limits.seen("api-usage=99999/100000")).isTrue();
    }

    @Test
    void ignoresAMissingOrOddHeader() {
        LimitMonitor limits = new LimitMonitor();
        assertThat(limits.seen(null)).isFalse();
        assertThat(limits.seen("per-app-api-usage=1/2(appName=x)")).isFalse();
        assertThat(limits.used()).isEqualTo(-1);
        assertThat(limits.seen("api-usage=18/5000; per-app-api-usage=17/250(appName=callbridge)")).isFalse();
        assertThat(limits.used()).isEqualTo(18);
    }

    @Test
    void eachReadingThatLeavesFewerRequestsThanTheReserveIsReported() {
        List<String> reached = new ArrayList<>();
        LimitMonitor limits = new LimitMonitor(5, (used, limit) -> reached.add(used + "/" + limit));
        limits.seen("api-usage=950/1000");
        assertThat(reached).as("50 left: 5 %, not under it").isEmpty();
        limits.seen("api-usage=951/1000");
        limits.seen("api-usage=1000/1000");
        limits.seen("api-usage=10/1000");
        assertThat(reached).containsExactly("951/1000", "1000/1000");

        LimitMonitor off = new LimitMonitor(0, (used, limit) -> reached.add("off"));
        off.seen("api-usage=1000/1000");
        assertThat(reached).doesNotContain("off");
    }
}
