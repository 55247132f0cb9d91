package io.callbridge.samples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import com.google.inject.util.Modules;
import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.inject.RedisClusterModule;
import io.callbridge.cluster.redis.internal.RedisBackend;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.Versioned;
import io.callbridge.crmsim.rest.salesforce.SalesforceRestSimulator.Kind;
import io.callbridge.samples.cluster.CrmFrame;
import io.callbridge.testkit.redis.RedisServerExtension;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The REST fallbacks on Redis (cluster-redis's delivery store, call store and {@code CrmStateStore}, one real
 * redis-server): a node stopped after the call's log was parked leaves it to the other node's executor, which logs it
 * once; and a node that dies between Salesforce's create and the ledger's {@code created} write leaves a {@code creating}
 * entry that the next node resolves by querying, without a second Task.
 */
@Timeout(120)
class RedisRestEndToEndIT {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final Duration LOGGED = Duration.ofSeconds(40);

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private RestRig rig;
    private final java.util.concurrent.atomic.AtomicReference<DiesAtCreatedWrite> dyingStore =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final String prefix = "rest-e2e-" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet();

    @BeforeEach
    void start() throws Exception {
        rig = new RestRig();
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    private List<Module> onRedis(Module overrides) {
        List<Module> modules = rig.modules();
        modules.add(0, Modules.override(new RedisClusterModule(RedisSettings.of(redis.server().uri())
                .withKeyPrefix(prefix).withCommandTimeout(Duration.ofSeconds(1)))).with(overrides));
        return modules;
    }

    /** A node on Redis whose {@code CrmStateStore} dies at the first {@code created} write in {@code ledger}. */
    private List<Module> onRedisDyingAtCreatedWrite(String ledger) {
        return onRedis(new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), CrmStateStore.class).setBinding()
                        .to(Key.get(CrmStateStore.class, Names.named("dying")));
            }

            @Provides
            @Singleton
            @Named("dying")
            CrmStateStore dying(RedisBackend backend) {
                DiesAtCreatedWrite store = new DiesAtCreatedWrite(backend.crmStates(), ledger);
                dyingStore.set(store);
                return store;
            }
        });
    }

    @Test
    void aHubSpotLogParkedOnAStoppedNodeIsLoggedOnceByTheOtherNode() {
        CallbridgeLauncher.Running a = rig.start(onRedis(Modules.EMPTY_MODULE));
        CallbridgeLauncher.Running b = rig.start(onRedis(Modules.EMPTY_MODULE));
        AgentId agent = AgentId.of("acme", "hs-redis-" + RestRig.CLICKS.incrementAndGet());
        CrmFrame widget = rig.open(a, agent, "hubspot", "widget", RestRig.hubSpotPage(Set.of("CALL_COMPLETED")));
        RestRig.logInAvailable(widget);
        CallId call = rig.dialHubSpotAndConnect(widget);
        RestRig.accepted(widget.act("hangup", RestRig.args("callId", call.value())));
        RestRig.accepted(widget.act("wrapUp", RestRig.args("callId", call.value()).put("disposition", "connected")));
        widget.awaitInvoked("CALL_COMPLETED");
        assertThat(RestRig.owed(b, "hubspot")).as("parked, seen from B").isNotEmpty();
        widget.close();
        a.close();

        RestRig.await("HubSpot updated by node B", LOGGED, () -> rig.hubspot.count("calls.update") > 0,
                () -> RestRig.describe(b, call));
        RestRig.await("the entry finished", LOGGED, () -> RestRig.owed(b, "hubspot").isEmpty(),
                () -> RestRig.describe(b, call));
        RestRig.quietPeriod();
        assertThat(rig.hubspot.count("calls.update")).as("updates").isEqualTo(1);
        assertThat(rig.hubspot.count("calls.create")).as("creates").isZero();
        assertThat(rig.hubspot.calls(RestRig.PORTAL)).hasSize(1);
        assertThat(RestRig.links(RestRig.call(b, call), "hubspot.")).containsEntry("hubspot.loggedVia", "rest")
                .containsKey("hubspot.completed");
    }

    @Test
    void aSalesforceTaskParkedOnAStoppedNodeIsSavedOnceByTheOtherNode() {
        CallbridgeLauncher.Running a = rig.start(onRedis(Modules.EMPTY_MODULE));
        CallbridgeLauncher.Running b = rig.start(onRedis(Modules.EMPTY_MODULE));
        AgentId agent = AgentId.of("acme", "sf-redis-" + RestRig.CLICKS.incrementAndGet());
        CrmFrame tab = rig.open(a, agent, "salesforce", "tab", CrmFrame.Options.plain(Set.of("saveLog")));
        RestRig.logInAvailable(tab);
        CallId call = rig.dialSalesforceAndConnect(tab);
        RestRig.accepted(tab.act("hangup", RestRig.args("callId", call.value())));
        RestRig.accepted(tab.act("wrapUp", RestRig.args("callId", call.value()).put("disposition", "connected")));
        tab.awaitInvoked("saveLog");
        assertThat(RestRig.owed(b, "salesforce")).as("parked, seen from B").isNotEmpty();
        tab.close();
        a.close();

        RestRig.await("a Task saved by node B", LOGGED, () -> !rig.salesforce.tasks().isEmpty(),
                () -> RestRig.describe(b, call));
        RestRig.await("the entry finished", LOGGED, () -> RestRig.owed(b, "salesforce").isEmpty(),
                () -> RestRig.describe(b, call));
        RestRig.quietPeriod();
        assertThat(rig.salesforce.tasks()).as("Tasks in the org").hasSize(1);
        assertThat(rig.salesforce.requests(Kind.CREATE)).as("creates").isEqualTo(1);
        String taskId = rig.salesforce.tasks().keySet().iterator().next();
        assertThat(RestRig.links(RestRig.call(b, call), "salesforce.")).containsEntry("salesforce.taskId", taskId)
                .containsEntry("salesforce.loggedVia", "rest");
    }

    @Test
    void aSalesforceNodeDyingBetweenTheCreateAndTheLedgerWriteLeavesNoSecondTaskAfterTheRestart() {
        CallbridgeLauncher.Running a = rig.start(onRedisDyingAtCreatedWrite("salesforce.ledger"));
        AgentId agent = AgentId.of("acme", "sf-redis-" + RestRig.CLICKS.incrementAndGet());
        CrmFrame tab = rig.open(a, agent, "salesforce", "tab", CrmFrame.Options.asTheCrm());
        RestRig.logInAvailable(tab);
        CallId call = rig.dialSalesforceAndConnect(tab);
        RestRig.accepted(tab.act("hangup", RestRig.args("callId", call.value())));
        tab.awaitUi(s -> RestRig.state(s, call).equals("ENDED"), "the call ended");
        tab.close();
        DiesAtCreatedWrite dying = dyingStore.get();
        RestRig.await("the Task created, its ledger write failed", LOGGED, () -> dying.died.get() > 0,
                () -> RestRig.describe(a, call));
        assertThat(rig.salesforce.tasks()).hasSize(1);
        a.close();

        // The restart: a fresh node on the same Redis, with the real store.
        CallbridgeLauncher.Running b = rig.start(onRedis(Modules.EMPTY_MODULE));
        rig.reportTo(b);
        RestRig.await("the entry finished on the new node", LOGGED, () -> RestRig.owed(b, "salesforce").isEmpty(),
                () -> RestRig.describe(b, call));
        RestRig.quietPeriod();
        assertThat(rig.salesforce.tasks()).as("Tasks in the org").hasSize(1);
        assertThat(rig.salesforce.requests(Kind.CREATE)).as("creates").isEqualTo(1);
        assertThat(rig.salesforce.requests(Kind.QUERY)).as("the query of the unclear create").isPositive();
        String taskId = rig.salesforce.tasks().keySet().iterator().next();
        assertThat(RestRig.links(RestRig.call(b, call), "salesforce.")).containsEntry("salesforce.taskId", taskId)
                .containsEntry("salesforce.loggedVia", "rest");
    }

    @Test
    void aHubSpotNodeDyingBetweenTheCreateAndTheLedgerWriteLeavesNoSecondCallAfterTheRestart() {
        // No engagement from HubSpot's SDK: REST creates the call (POST), guarded by the ledger.
        rig.hubSpotSettings = rig.hubSpotSettings.withCreateEngagement(false);
        CallbridgeLauncher.Running a = rig.start(onRedisDyingAtCreatedWrite("hubspot.ledger"));
        AgentId agent = AgentId.of("acme", "hs-redis-" + RestRig.CLICKS.incrementAndGet());
        // The widget never answers CALL_ENDED: that entry is the frame's own and stays owed to the agent's next
        // widget; the node must still finish the log, and the test must not wait for the frame's entry to go.
        CrmFrame widget = rig.open(a, agent, "hubspot", "widget", RestRig.hubSpotPage(Set.of("CALL_ENDED")));
        RestRig.logInAvailable(widget);
        CallId call = rig.dialHubSpotAndConnect(widget, false);
        RestRig.accepted(widget.act("hangup", RestRig.args("callId", call.value())));
        widget.awaitUi(s -> RestRig.state(s, call).equals("ENDED"), "the call ended");
        widget.close();
        RestRig.await("the call created, its ledger write not made", LOGGED, () -> dyingStore.get().died.get() > 0,
                () -> RestRig.describe(a, call));
        assertThat(rig.hubspot.calls(RestRig.PORTAL)).hasSize(1);
        a.close();

        CallbridgeLauncher.Running b = rig.start(onRedis(Modules.EMPTY_MODULE));
        rig.reportTo(b);
        RestRig.await("the entry finished on the new node", LOGGED, () -> RestRig.owed(b, "hubspot").isEmpty(),
                () -> RestRig.describe(b, call));
        RestRig.quietPeriod();
        assertThat(rig.hubspot.calls(RestRig.PORTAL)).as("calls in HubSpot; requests %s", rig.hubspot.counts())
                .hasSize(1);
        assertThat(rig.hubspot.count("calls.create")).as("creates").isEqualTo(1);
        assertThat(rig.hubspot.count("calls.search")).as("the search for the unclear create").isPositive();
        long id = rig.hubspot.calls(RestRig.PORTAL).get(0).id();
        assertThat(rig.hubspot.calls(RestRig.PORTAL).get(0).properties()).containsEntry("hs_call_external_id",
                call.value());
        assertThat(RestRig.links(RestRig.call(b, call), "hubspot.")).containsEntry("hubspot.loggedVia", "rest")
                .containsEntry("hubspot.engagementId", String.valueOf(id));
    }

    /**
     * The real Redis store, except that the first write of a {@code created} value in the given ledger hangs until the
     * node is stopped (its worker interrupted) and is never made: as a node dying right after Salesforce's answer
     * leaves it. An exception alone is no crash: the executor logs a failed ledger write and reports the Task. (Mockito is not on samples' test classpath;
     * this is the same fault injection by hand.)
     */
    static final class DiesAtCreatedWrite implements CrmStateStore {
        private final CrmStateStore real;
        private final String ledger;
        final AtomicInteger died = new AtomicInteger();

        DiesAtCreatedWrite(CrmStateStore real, String ledger) {
            this.real = real;
            this.ledger = ledger;
        }

        @Override
        public Optional<Versioned<String>> get(String namespace, String key) {
            return real.get(namespace, key);
        }

        @Override
        public Optional<Long> compareAndSet(String namespace, String key, long expectedVersion, String value,
                Duration ttl) {
            if (namespace.equals(ledger) && value.contains("\"created\"") && died.get() == 0) {
                died.incrementAndGet();
                // The node is dead from here on: this write never happens, nor anything after it on this thread.
                try {
                    new java.util.concurrent.CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("the node died before the ledger's created write");
            }
            return real.compareAndSet(namespace, key, expectedVersion, value, ttl);
        }

        @Override
        public boolean remove(String namespace, String key, long expectedVersion) {
            return real.remove(namespace, key, expectedVersion);
        }
    }
}
