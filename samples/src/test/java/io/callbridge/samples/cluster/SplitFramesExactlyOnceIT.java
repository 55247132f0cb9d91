package io.callbridge.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.cluster.redis.internal.RedisBackend;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exactly once with one agent's frames split across two nodes. Core's {@code Delivery} once let a side effect's claim go
 * ({@code store.finish}) before the adapter wrote its outcome on the call (HubSpot's {@code hubspot.answered}
 * marker, Salesforce's {@code salesforce.taskId}): between the two, another node's agent bridge found neither claim nor
 * marker, claimed the key afresh and ran the step a second time on its own frame (two engagements in HubSpot). It now
 * records the outcome while the claim is held and asks once more after every claim whether the step is still owed.
 * The first test widens the old moment with a store that holds node A's thread right after the real finish and opens
 * the agent's calling window on node B inside it (it failed every time before the fix); the other two run the
 * split-frame flows of {@link AnyNodeAnyInputIT} a few times each and count every side effect on the frames.
 */
@Timeout(120)
class SplitFramesExactlyOnceIT {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private ClusterNodes cluster;

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aStepFinishedOnOneNodeIsNotRunAgainByANewFrameOnAnother() throws Exception {
        cluster = new ClusterNodes(redis.server());
        ClusterNodes.Node a = cluster.start("A", new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), DeliveryStore.class).setBinding()
                        .to(PausingDeliveryStore.class);
            }

            @Provides
            @Singleton
            PausingDeliveryStore pausing(RedisBackend backend) {
                return new PausingDeliveryStore(backend.deliveries(), key -> key.endsWith(":CALL_ANSWERED"));
            }
        });
        ClusterNodes.Node b = cluster.start("B");
        PausingDeliveryStore store = a.running().instance(PausingDeliveryStore.class);
        AgentId dana = AgentId.of("acme", "dana-" + System.nanoTime());
        cluster.reportTo(a);

        CrmFrame widget = cluster.open(a, dana, "hubspot", "widget");
        widget.act("login", CrmFrame.JSON.createObjectNode());
        widget.act("presence", CrmFrame.JSON.createObjectNode().put("status", "AVAILABLE"));
        widget.awaitUi(s -> s.path("agent").path("available").asBoolean(), "the agent available");
        ObjectNode dial = CrmFrame.JSON.createObjectNode().put("phoneNumber", "+16175550142")
                .put("countryCode", "US").put("startTimestamp", 1763740900000L);
        widget.crmEvent("DIAL_NUMBER", dial);
        widget.await(f -> "OUTGOING_CALL_STARTED".equals(f.path("method").asString()), "OUTGOING_CALL_STARTED");
        CallId call = CallId.of("hubspot:acme:" + dana.agent() + ":1763740900000");

        cluster.phone.answer(call, true);
        assertThat(store.paused.await(10, TimeUnit.SECONDS)).as("node A finished CALL_ANSWERED").isTrue();
        // Inside the moment: the agent opens the calling window, which connects to node B.
        CrmFrame window = cluster.open(b, dana, "hubspot", "window");
        Thread.sleep(2_000);
        store.resume.countDown();
        Thread.sleep(ClusterNodes.INVOCATION_TIMEOUT.multipliedBy(3).plusMillis(700).toMillis());

        List<String> ranBy = new java.util.ArrayList<>();
        for (CrmFrame f : List.of(widget, window)) {
            f.executed("CALL_ANSWERED").forEach(e -> ranBy.add(f.toString()));
        }
        assertThat(ranBy).as("frames that ran CALL_ANSWERED").hasSize(1);
    }

    @RepeatedTest(3)
    void aHubSpotWidgetAndCallingWindowOnTwoNodesRunEachStepOnce() {
        cluster = new ClusterNodes(redis.server());
        Flows.Run run = Flows.hubSpotWidgetAndWindow(cluster, cluster.start("A"), cluster.start("B"),
                AgentId.of("acme", "bob-" + Flows.CLICKS.incrementAndGet()));
        Flows.settleClaims();
        assertThat(Flows.methods(run.frames(), "OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED",
                "CALL_COMPLETED")).as("each step run by exactly one frame: %s", Flows.runs(run.frames()))
                .containsExactlyInAnyOrder("OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED");
        Flows.assertNoIdRunTwice(run.frames());
    }

    @RepeatedTest(3)
    void twoSalesforceTabsOnTwoNodesLogTheCallAndCompleteTheWorkOnce() {
        cluster = new ClusterNodes(redis.server());
        Flows.Run run = Flows.salesforceTabs(cluster, cluster.start("A"), cluster.start("B"),
                AgentId.of("acme", "carol-" + Flows.CLICKS.incrementAndGet()));
        Flows.settleClaims();
        assertThat(Flows.methods(run.frames(), "saveLog", "hvs.completeWork"))
                .as("each side effect run by exactly one tab: %s", Flows.runs(run.frames()))
                .containsExactlyInAnyOrder("saveLog", "hvs.completeWork");
        Flows.assertNoIdRunTwice(run.frames());
    }
}
