package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MachineLoadTest {
    @Test
    void theFirstFieldOfLoadavgIsTheOneMinuteLoad() {
        assertThat(MachineLoad.parse("10.24 8.62 5.01 3/812 44321\n")).isEqualTo("10.24");
        assertThatThrownBy(() -> MachineLoad.parse("busy")).isInstanceOf(IllegalArgumentException.class);
        assertThat(MachineLoad.oneMinute()).matches("[0-9.]+|\\?");
    }
}
