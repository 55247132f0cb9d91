package io.callbridge.samples.cluster;

import static io.callbridge.samples.cluster.Flows.CLICKS;
import static io.callbridge.samples.cluster.Flows.args;
import static io.callbridge.samples.cluster.Flows.assertAccepted;
import static io.callbridge.samples.cluster.Flows.assertNoIdRunTwice;
import static io.callbridge.samples.cluster.Flows.assertStatesInOrder;
import static io.callbridge.samples.cluster.Flows.dialFromHubSpot;
import static io.callbridge.samples.cluster.Flows.invoked;
import static io.callbridge.samples.cluster.Flows.logInAvailable;
import static io.callbridge.samples.cluster.Flows.methods;
import static io.callbridge.samples.cluster.Flows.runs;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Any node, any input" with real parts: two callbridge nodes (separate injectors and Jetty servers) on one real
 * redis-server, CRM frames as real WebSocket clients, the phone system reporting to another node than the one that
 * placed the call. Every frame must see the call's states in order and every side effect the call owes its CRM must be
 * run; with one frame, exactly once.
 *
 * <p>"Exactly once" with an agent's frames split across the nodes is counted in {@link SplitFramesExactlyOnceIT}.
 */
@Timeout(60)
class AnyNodeAnyInputIT {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private ClusterNodes cluster;
    private ClusterNodes.Node a;
    private ClusterNodes.Node b;

    @BeforeEach
    void startTwoNodes() {
        cluster = new ClusterNodes(redis.server());
        a = cluster.start("A");
        b = cluster.start("B");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aHubSpotBridgeOnOneNodeWithThePhoneSystemReportingToTheOther() {
        AgentId alice = AgentId.of("acme", "alice-" + CLICKS.get());
        cluster.reportTo(b);
        CrmFrame widget = cluster.open(a, alice, "hubspot", "widget");
        logInAvailable(widget);

        CallId call = dialFromHubSpot(widget);
        widget.await(f -> invoked(f, "OUTGOING_CALL_STARTED"), "OUTGOING_CALL_STARTED");
        cluster.phone.answer(call, true);
        widget.await(f -> invoked(f, "CALL_ANSWERED"), "CALL_ANSWERED");
        assertAccepted(widget.act("hangup", args("callId", call.value())));
        assertAccepted(widget.act("wrapUp", args("callId", call.value()).put("disposition", "connected")
                .put("notes", "multi-node")));
        widget.await(f -> invoked(f, "CALL_COMPLETED"), "CALL_COMPLETED");
        Flows.settleClaims();

        assertThat(cluster.phone.rejectedReports()).isEmpty();
        assertStatesInOrder(widget, call);
        assertThat(methods(List.of(widget), "OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED"))
                .containsExactly("OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED");
        assertNoIdRunTwice(List.of(widget));
    }

    @Test
    void aHubSpotWidgetOnOneNodeAndItsCallingWindowOnTheOtherBothFollowTheCallToTheEnd() {
        Flows.Run run = Flows.hubSpotWidgetAndWindow(cluster, a, b, AgentId.of("acme", "bob-" + CLICKS.get()));

        assertThat(cluster.phone.rejectedReports()).isEmpty();
        for (CrmFrame frame : run.frames()) {
            assertStatesInOrder(frame, run.call());
        }
        assertThat(methods(run.frames(), "OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED"))
                .as("every step run: %s", runs(run.frames()))
                .contains("OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED");
    }

    @Test
    void twoSalesforceTabsOnDifferentNodesBothFollowTheCallAndTheWorkToTheEnd() {
        Flows.Run run = Flows.salesforceTabs(cluster, a, b, AgentId.of("acme", "carol-" + CLICKS.get()));

        assertThat(cluster.phone.rejectedReports()).isEmpty();
        for (CrmFrame frame : run.frames()) {
            assertStatesInOrder(frame, run.call());
            frame.awaitUi(s -> s.path("workItems").path(0).path("state").asString().equals("COMPLETED"),
                    "the work item completed");
        }
        assertThat(methods(run.frames(), "saveLog", "hvs.completeWork")).as("every side effect run: %s",
                runs(run.frames())).contains("saveLog", "hvs.completeWork");
    }
}
