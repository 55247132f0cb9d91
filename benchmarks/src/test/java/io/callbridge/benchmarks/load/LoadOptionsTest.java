package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void defaultsAndShortMode() {
        assertThat(LoadOptions.parse()).isEqualTo(LoadOptions.DEFAULTS);
        assertThat(LoadOptions.DEFAULTS.agents()).isEqualTo(1_000);
        LoadOptions shortRun = LoadOptions.parse("--short");
        assertThat(shortRun).isEqualTo(LoadOptions.SHORT);
        // Two runs of warm-up + window, plus JVM starts and GCs, stay well inside a minute.
        assertThat(2 * (shortRun.warmupSeconds() + shortRun.measureSeconds())).isLessThanOrEqualTo(30);
    }

    @Test
    void flagsOverrideTheChosenMode() {
        LoadOptions o = LoadOptions.parse("--agents", "10000", "--short", "--rate", "250", "--server-jvm-arg", "-Xlog:gc",
                "--no-echo", "--out", "x");
        assertThat(o.agents()).isEqualTo(10_000);
        assertThat(o.callsPerSecond()).isEqualTo(250);
        assertThat(o.measureSeconds()).isEqualTo(LoadOptions.SHORT.measureSeconds());
        assertThat(o.serverJvmArgs()).containsExactly("-Xlog:gc");
        assertThat(o.echo()).isFalse();
        assertThat(o.out()).isEqualTo(Path.of("x"));
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThatThrownBy(() -> LoadOptions.parse("--agents", "10001")).hasMessageContaining("agents");
        assertThatThrownBy(() -> LoadOptions.parse("--rate")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LoadOptions.parse("--bogus")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> LoadOptions.parse("--ring-ms", "500", "--answer-ms", "100"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void echoFramesHaveTheRequestedSize() {
        assertThat(EchoAgent.frame(123_456_789L, true, 400)).hasSize(400).startsWith("{\"type\":\"echo\"");
        assertThat(EchoAgent.frame(1L, false, 10)).endsWith("\"}");
    }
}
