package io.callbridge.rest.salesforce.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
}
