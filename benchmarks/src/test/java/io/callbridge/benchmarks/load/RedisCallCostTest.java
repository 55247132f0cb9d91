package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of {@link RedisCallCost} that need no Redis: naming scripts by SHA-1 and reading MONITOR's lines. */
class RedisCallCostTest {
    @Test
    void everyScriptItNamesIsOnTheClassPath() {
        Map<String, String> bySha = RedisCallCost.scriptsBySha();
        assertThat(bySha.values()).containsExactlyInAnyOrderElementsOf(RedisCallCost.SCRIPTS);
        assertThat(bySha.keySet()).allSatisfy(sha -> assertThat(sha).hasSize(40));
    }

    @Test
    void monitorLinesNameTheSenderTheCommandAndItsFirstArgument() {
        assertThat(RedisCallCost.MonitorLine.parse(
                "+1764644400.123456 [0 127.0.0.1:53012] \"EVALSHA\" \"dd79499897737bee9eceeb5235b8a7410c154728\" \"1\""))
                .isEqualTo(new RedisCallCost.MonitorLine("127.0.0.1:53012", "evalsha",
                        "dd79499897737bee9eceeb5235b8a7410c154728"));
        assertThat(RedisCallCost.MonitorLine.parse("+1764644400.123457 [0 lua] \"HMGET\" \"{p}:call:v:c1\" \"ver\""))
                .isEqualTo(new RedisCallCost.MonitorLine("lua", "hmget", "{p}:call:v:c1"));
        assertThat(RedisCallCost.MonitorLine.parse("+1764644400.123458 [0 127.0.0.1:53012] \"PING\""))
                .isEqualTo(new RedisCallCost.MonitorLine("127.0.0.1:53012", "ping", null));
        assertThat(RedisCallCost.MonitorLine.parse("+OK")).isNull();
    }
}
