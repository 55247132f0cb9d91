package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
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
        assertThat(LoadOptions.parse("--server-jvm-arg", "--add-opens=java.base/java.lang=ALL-UNNAMED").serverJvmArgs())
                .containsExactly("--add-opens=java.base/java.lang=ALL-UNNAMED");
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

    @Test
    void theNewModesParse() {
        LoadOptions o = LoadOptions.parse("--crm", "mixed", "--tls", "--redis", "auto", "--nodes", "2", "--sweep",
                "25,50,100");
        assertThat(o.crm()).isEqualTo(LoadOptions.Crm.MIXED);
        assertThat(o.tls()).isTrue();
        assertThat(o.redis()).isEqualTo(LoadOptions.REDIS_AUTO);
        assertThat(o.nodes()).isEqualTo(2);
        assertThat(o.sweep()).containsExactly(25.0, 50.0, 100.0);
        assertThat(LoadOptions.parse("--redis", "rediss://:pw@redis.internal:6380/1").redis())
                .isEqualTo("rediss://:pw@redis.internal:6380/1");
        assertThat(LoadOptions.parse("--sweep", "50:200:50").sweep()).containsExactly(50.0, 100.0, 150.0, 200.0);
        // The defaults are what the earlier rounds measured: HubSpot, plain WebSocket, in memory, one node.
        assertThat(LoadOptions.DEFAULTS.crm()).isEqualTo(LoadOptions.Crm.HUBSPOT);
        assertThat(LoadOptions.DEFAULTS.tls()).isFalse();
        assertThat(LoadOptions.DEFAULTS.redis()).isNull();
        assertThat(LoadOptions.DEFAULTS.nodes()).isEqualTo(1);
        assertThat(LoadOptions.DEFAULTS.sweep()).isEmpty();
    }

    @Test
    void eachSweepPointIsTheSameRunAtItsRate() {
        LoadOptions o = LoadOptions.parse("--short", "--crm", "salesforce", "--sweep", "10,20");
        LoadOptions point = o.atRate(20, Path.of("d"));
        assertThat(point.callsPerSecond()).isEqualTo(20);
        assertThat(point.out()).isEqualTo(Path.of("d"));
        assertThat(point.sweep()).isEmpty();
        assertThat(point.crm()).isEqualTo(LoadOptions.Crm.SALESFORCE);
        assertThat(point.agents()).isEqualTo(o.agents());
    }

    @Test
    void badValuesOfTheNewFlagsNameTheFlag() {
        assertThatThrownBy(() -> LoadOptions.parse("--crm", "zendesk"))
                .hasMessage("--crm must be hubspot, salesforce or mixed but was 'zendesk'");
        assertThatThrownBy(() -> LoadOptions.parse("--redis", "http://:secret@host:6379"))
                .hasMessageContaining("--redis must be 'auto' or a redis:// or rediss:// URI")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> LoadOptions.parse("--nodes", "2"))
                .hasMessageContaining("--nodes 2 needs --redis");
        assertThatThrownBy(() -> LoadOptions.parse("--nodes", "9", "--redis", "auto"))
                .hasMessageContaining("--nodes must be 1..8 but was 9");
        assertThatThrownBy(() -> LoadOptions.parse("--nodes", "0"))
                .hasMessageContaining("--nodes must be 1..8 but was 0");
        assertThatThrownBy(() -> LoadOptions.parse("--agents", "2", "--nodes", "3", "--redis", "auto"))
                .hasMessageContaining("needs at least as many --agents");
        assertThatThrownBy(() -> LoadOptions.parse("--sweep", "50"))
                .hasMessageContaining("--sweep needs 2..20 rates but has 1");
        assertThatThrownBy(() -> LoadOptions.parse("--sweep", "100,50"))
                .hasMessageContaining("--sweep rates must rise, but 50.0 follows 100.0");
        assertThatThrownBy(() -> LoadOptions.parse("--sweep", "10,fast"))
                .hasMessage("--sweep must be a number but was 'fast'");
        assertThatThrownBy(() -> LoadOptions.parse("--sweep", "10:100"))
                .hasMessageContaining("FROM:TO:STEP");
        assertThatThrownBy(() -> LoadOptions.parse("--sweep", "1:100:1"))
                .hasMessageContaining("more than 20 rates");
        assertThatThrownBy(() -> LoadOptions.parse("--sweep", "0,10"))
                .hasMessageContaining("--sweep rates must be in (0, 10000]");
        assertThatThrownBy(() -> LoadOptions.parse("--agents", "many"))
                .hasMessage("--agents must be a whole number but was 'many'");
        assertThatThrownBy(() -> LoadOptions.parse("--rate", "NaN"))
                .hasMessage("--rate must be a number but was 'NaN'");
        assertThatThrownBy(() -> LoadOptions.parse("--redis", "--tls"))
                .hasMessage("--redis needs a value");
        assertThatThrownBy(() -> LoadOptions.parse("--server-heap", "lots"))
                .hasMessageContaining("--server-heap must be a JVM size");
        assertThatThrownBy(() -> LoadOptions.parse("--duration", "0"))
                .hasMessageContaining("--duration must be 1..3600");
        assertThatThrownBy(() -> LoadOptions.parse("--idle-seconds", "601"))
                .hasMessage("--idle-seconds must be 0..600 but was 601");
        assertThatThrownBy(() -> LoadOptions.parse("--idle-seconds", "-1"))
                .hasMessage("--idle-seconds must be 0..600 but was -1");
    }

    @Test
    void anIdleWindowIsAskedForAndKeptByEverySweepPointAndStorageRun() {
        assertThat(LoadOptions.DEFAULTS.idleSeconds()).as("off unless asked for").isZero();
        LoadOptions o = LoadOptions.parse("--short", "--idle-seconds", "10", "--redis", "auto");
        assertThat(o.idleSeconds()).isEqualTo(10);
        assertThat(o.atRate(20, Path.of("d")).idleSeconds()).isEqualTo(10);
        assertThat(o.storage(true, 2, false, Path.of("d")).idleSeconds()).isEqualTo(10);
    }

    @Test
    void helpIsAskedForAndListsEveryFlag() {
        assertThat(LoadOptions.wantsHelp("--agents", "10", "--help")).isTrue();
        assertThat(LoadOptions.wantsHelp("-h")).isTrue();
        assertThat(LoadOptions.wantsHelp("--short")).isFalse();
        String usage = LoadOptions.usage();
        for (String flag : new String[] {"--short", "--agents", "--rate", "--warmup", "--duration", "--ring-ms",
                "--answer-ms", "--talk-ms", "--crm", "--tls", "--redis", "--nodes", "--sweep", "--server-heap",
                "--server-jvm-arg", "--no-echo", "--out", "--idle-seconds", "--help"}) {
            assertThat(usage).as("usage names %s", flag).contains(flag);
        }
    }

    @Test
    void mixedAgentsAlternateTheCrmAndEveryNodeGetsBoth() {
        LoadOptions.Crm mixed = LoadOptions.Crm.MIXED;
        // One node: agents alternate.
        assertThat(mixed.of(0, 1)).isEqualTo("hubspot");
        assertThat(mixed.of(1, 1)).isEqualTo("salesforce");
        // Two nodes: agent i is on node i % 2; agents 0,1 are HubSpot on nodes 0,1, agents 2,3 Salesforce on 0,1.
        assertThat(List.of(mixed.of(0, 2), mixed.of(1, 2), mixed.of(2, 2), mixed.of(3, 2)))
                .containsExactly("hubspot", "hubspot", "salesforce", "salesforce");
        assertThat(LoadOptions.Crm.SALESFORCE.of(7, 3)).isEqualTo("salesforce");
    }

    @Test
    void passwordsAreRedactedInMessages() {
        assertThat(LoadOptions.redactedUri("redis://:s3cret@host:6379/0")).isEqualTo("redis://:****@host:6379/0");
        assertThat(LoadOptions.redactedUri("rediss://user:pw@host")).isEqualTo("rediss://user:****@host");
        assertThat(LoadOptions.redactedUri("redis://host:6379")).isEqualTo("redis://host:6379");
    }

    @Test
    void compareStorageNeedsRedisAndIsNoSweep() {
        LoadOptions o = LoadOptions.parse("--compare-storage", "--redis", "auto", "--agents", "300");
        assertThat(o.compareStorage()).isTrue();
        LoadOptions memory = o.storage(false, 1, true, Path.of("m"));
        assertThat(memory.redis()).isNull();
        assertThat(memory.nodes()).isEqualTo(1);
        assertThat(memory.compareStorage()).isFalse();
        LoadOptions two = o.storage(true, 2, false, Path.of("r2"));
        assertThat(two.redis()).isEqualTo("auto");
        assertThat(two.nodes()).isEqualTo(2);
        assertThat(two.echo()).isFalse();
        assertThatThrownBy(() -> LoadOptions.parse("--compare-storage"))
                .hasMessageContaining("--compare-storage needs --redis");
        assertThatThrownBy(() -> LoadOptions.parse("--compare-storage", "--redis", "auto", "--sweep", "1,2"))
                .hasMessageContaining("cannot be combined");
        assertThat(LoadOptions.usage()).contains("--compare-storage");
    }

    @Test
    void theRedisTimeoutIsCheckedAndCarriedToEveryRun() {
        LoadOptions o = LoadOptions.parse("--redis", "auto", "--redis-timeout-ms", "10000", "--sweep", "1,2");
        assertThat(o.redisTimeoutMs()).isEqualTo(10_000);
        assertThat(o.atRate(2, Path.of("x")).redisTimeoutMs()).isEqualTo(10_000);
        assertThat(LoadOptions.DEFAULTS.redisTimeoutMs()).isZero();
        assertThatThrownBy(() -> LoadOptions.parse("--redis-timeout-ms", "70000"))
                .hasMessageContaining("--redis-timeout-ms must be 1..60000");
        assertThat(LoadOptions.usage()).contains("--redis-timeout-ms");
    }
}
