package io.callbridge.cluster.redis.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Key;
import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.internal.RedisBackend;
import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CallEngine;
import io.callbridge.core.EngineThreads;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.HousekeepingLease;
import io.callbridge.testkit.inject.TestCallbridge;
import io.callbridge.testkit.redis.RedisServer;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisClusterModuleTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.with(b -> b.password("s3cret-pw"));

    private static final AgentId ANN = AgentId.of("acme", "ann");
    private final List<TestCallbridge> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(n -> n.injector().getInstance(RedisBackend.class).close());
    }

    private TestCallbridge node(String prefix) {
        TestCallbridge node = TestCallbridge.start(
                new RedisClusterModule(RedisSettings.of(redis.server().uri()).withKeyPrefix(prefix)));
        nodes.add(node);
        return node;
    }

    @Test
    void replacesEveryInMemoryDefaultOfCore() {
        TestCallbridge node = node("wiring");
        RedisBackend backend = node.injector().getInstance(RedisBackend.class);
        assertThat(node.injector().getInstance(Key.get(CoreModule.CALL_STORE))).isSameAs(backend.calls());
        assertThat(node.injector().getInstance(Key.get(CoreModule.AGENT_STORE))).isSameAs(backend.agents());
        assertThat(node.injector().getInstance(Key.get(CoreModule.WORK_STORE))).isSameAs(backend.workItems());
        assertThat(node.injector().getInstance(AgentEventRouter.class)).isSameAs(backend.events());
        assertThat(node.injector().getInstance(DeliveryStore.class)).isSameAs(backend.deliveries());
        assertThat(node.injector().getInstance(CrmStateStore.class)).isSameAs(backend.crmStates());
        assertThat(node.injector().getInstance(HousekeepingLease.class)).isSameAs(backend.housekeepingLease());
        assertThat(node.injector().getInstance(EngineThreads.class)).as("every engine call waits on Redis")
                .isEqualTo(new EngineThreads(16));
    }

    @Test
    void thePoolsThatWaitOnRedisHaveTheThreadsItsSettingsSay() {
        TestCallbridge node = TestCallbridge.start(new RedisClusterModule(
                RedisSettings.of(redis.server().uri()).withKeyPrefix("threads").withEngineThreads(5)));
        nodes.add(node);
        assertThat(node.injector().getInstance(EngineThreads.class)).isEqualTo(new EngineThreads(5));
    }

    @Test
    void aCallHandledOnOneNodeIsSeenWholeOnAnother() throws Exception {
        TestCallbridge a = node("two-engines");
        TestCallbridge b = node("two-engines");
        List<SequencedEvent> onB = new CopyOnWriteArrayList<>();
        b.engine().subscribe(ANN, 0, onB::add);

        CallEngine engine = a.engine();
        engine.execute(new AgentCommand.LogIn(ANN));
        CallId id = engine.execute(Dial.to(ANN, new PhoneNumberParser("US").parse("(415) 555-0100"))).createdCall()
                .orElseThrow().id();
        a.phone().answer(id, true);
        engine.execute(new CallCommand.HangUp(ANN, id));

        assertThat(b.engine().call(id).orElseThrow().state()).isEqualTo(CallState.ENDED);
        assertThat(b.engine().agent(ANN).activity()).isEqualTo(Activity.WRAP_UP);
        // Node B takes the wrap-up, as if the agent's next input reached it.
        assertThat(b.engine().execute(new CallCommand.WrapUp(ANN, id, new CallOutcome("connected", "ok", null)))
                .isRejected()).isFalse();
        assertThat(a.engine().call(id).orElseThrow().state()).isEqualTo(CallState.WRAPPED_UP);
        assertThat(a.engine().agent(ANN).activity()).isEqualTo(Activity.IDLE);

        AgentSnapshot snapshot = b.engine().snapshot(ANN);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (onB.size() < snapshot.sequence() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(onB).extracting(SequencedEvent::sequence).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, snapshot.sequence()).boxed().toList());
    }

    @Test
    void anUnreachableRedisFailsTheStartNamingTheUriButNotThePassword() throws IOException {
        int nothingThere;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothingThere = s.getLocalPort();
        }
        RedisSettings settings = RedisSettings.of("redis://:hunter2@127.0.0.1:" + nothingThere)
                .withCommandTimeout(Duration.ofMillis(500));
        assertThatThrownBy(() -> Guice.createInjector(new CoreModule(), new RedisClusterModule(settings)))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("cannot connect to Redis at redis://:****@127.0.0.1:" + nothingThere)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aWrongPasswordFailsTheStartTheSameWay() {
        RedisServer server = redis.server();
        RedisSettings settings = RedisSettings.of("redis://:wrong-pw@127.0.0.1:" + server.port())
                .withCommandTimeout(Duration.ofSeconds(1));
        assertThatThrownBy(() -> Guice.createInjector(new CoreModule(), new RedisClusterModule(settings)))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("cannot connect to Redis at redis://:****@127.0.0.1:" + server.port())
                .hasMessageNotContaining("wrong-pw");
    }
}
