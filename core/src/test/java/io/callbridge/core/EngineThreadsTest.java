package io.callbridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineThreadsTest {

    @Test
    void inMemoryTheDefaultIsOneThreadPerCoreAndAtLeastTwo() {
        assertThat(EngineThreads.perCore().threads())
                .isEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void badCountsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new EngineThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be 1 to 256, was 0");
        assertThatThrownBy(() -> new EngineThreads(257)).hasMessageStartingWith("threads");
        assertThat(new EngineThreads(1).threads()).isEqualTo(1);
        assertThat(new EngineThreads(256).threads()).isEqualTo(256);
    }
}
