package io.callbridge.cluster.redis.inject;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.internal.RedisBackend;
import io.callbridge.core.CallEngine;
import io.callbridge.core.ServerSideSettings;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.internal.ServerSideDeliveryService;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes (two injectors, as two processes would be) of one deployment on one real redis-server, each running core's
 * server-side delivery with its own REST executor on real threads: every parked side effect runs exactly once in all.
 */
class ServerSideDeliveryOnRedisTest {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final int ENTRIES = 50;
    private static final PhoneNumberParser PHONES = new PhoneNumberParser("US");

    private final List<Injector> nodes = new ArrayList<>();
    /** Executions per key, over both nodes. */
    private final Map<String, Integer> executions = new ConcurrentHashMap<>();
    private final Map<String, String> ranOn = new ConcurrentHashMap<>();
    private final CountDownLatch allRan = new CountDownLatch(ENTRIES);

    @AfterEach
    void stopNodes() {
        for (Injector node : nodes) {
            node.getInstance(ServerSideDeliveryService.class).stop();
            node.getInstance(RedisBackend.class).close();
        }
    }

    private Injector node(String prefix, String name) {
        Injector injector = Guice.createInjector(new CoreModule(),
                new RedisClusterModule(RedisSettings.of(redis.server().uri()).withKeyPrefix(prefix)),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        Multibinder.newSetBinder(binder(), ServerSideExecutor.class).addBinding()
                                .toInstance(new CountingRest(name));
                        OptionalBinder.newOptionalBinder(binder(), ServerSideSettings.class).setBinding()
                                .toInstance(ServerSideSettings.DEFAULTS.withSweepInterval(Duration.ofMillis(20))
                                        .withClaimLease(Duration.ofSeconds(10)).withThreads(4));
                    }
                });
        nodes.add(injector);
        return injector;
    }

    @Test
    void twoNodesSweepingFiftyParkedEntriesRunEachExactlyOnce() throws Exception {
        Injector a = node("server-side", "node-a");
        Injector b = node("server-side", "node-b");
        var calls = a.getInstance(Key.get(CoreModule.CALL_STORE));
        DeliveryStore store = a.getInstance(DeliveryStore.class);
        for (int i = 0; i < ENTRIES; i++) {
            CallId id = new CallId("call-" + i);
            Call call = Call.outbound(id, ANN, PHONES.parse("+12125550100"), PHONES.parse("+14155551212"),
                    Instant.now());
            assertThat(calls.compareAndSet(id, 0, ANN, call)).contains(1L);
            assertThat(store.park(OwedDelivery.of("rest:" + id.value() + ":log", ANN, "rest", "saveLog", "{}")))
                    .isTrue();
        }
        assertThat(b.getInstance(DeliveryStore.class).owedBy("rest", 500)).as("parked for every node")
                .hasSize(ENTRIES);

        a.getInstance(ServerSideDeliveryService.class).start();
        b.getInstance(ServerSideDeliveryService.class).start();

        assertThat(allRan.await(60, TimeUnit.SECONDS)).as("all ran; ran so far: %s", executions).isTrue();
        // Empty, and staying so for a few sweeps: a sweep that read the list before an entry was finished may still
        // claim that key, which makes the entry again for a moment; its plan then finds the call logged and drops it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long emptySince = -1;
        while (System.nanoTime() < deadline) {
            if (!store.owedBy("rest", 500).isEmpty()) {
                emptySince = -1;
            } else if (emptySince < 0) {
                emptySince = System.nanoTime();
            } else if (System.nanoTime() - emptySince > TimeUnit.MILLISECONDS.toNanos(500)) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(store.owedBy("rest", 500)).as("every entry finished").isEmpty();
        // A few more sweeps of both nodes: nothing runs again.
        TimeUnit.MILLISECONDS.sleep(200);

        assertThat(executions).hasSize(ENTRIES);
        assertThat(executions.values()).as("exactly once each").containsOnly(1);
        CallEngine engine = b.getInstance(CallEngine.class);
        for (int i = 0; i < ENTRIES; i++) {
            String key = "rest:call-" + i + ":log";
            assertThat(engine.call(new CallId("call-" + i)).orElseThrow().crmLink("rest.logged"))
                    .contains(ranOn.get(key));
        }
    }

    /** A REST executor that counts what it runs; its link says which node ran it. */
    private final class CountingRest implements ServerSideExecutor {
        private final String node;

        CountingRest(String node) {
            this.node = node;
        }

        @Override
        public String crm() {
            return "rest";
        }

        @Override
        public Plan plan(OwedDelivery owed, @Nullable Call call, Instant now) {
            if (call == null) {
                return new Plan.Drop("no call");
            }
            return call.crmLink("rest.logged").isPresent() ? new Plan.Drop("logged") : new Plan.Run();
        }

        @Override
        public @Nullable String callOf(OwedDelivery owed) {
            return owed.key().split(":")[1];
        }

        @Override
        public Outcome execute(OwedDelivery owed, Call call) {
            executions.merge(owed.key(), 1, Integer::sum);
            ranOn.put(owed.key(), node);
            allRan.countDown();
            return new Outcome.Done(Map.of("rest.logged", node));
        }
    }
}
