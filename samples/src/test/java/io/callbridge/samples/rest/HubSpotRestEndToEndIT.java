package io.callbridge.samples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.adapter.hubspot.HubSpotCallLog;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulator.SimCall;
import io.callbridge.samples.cluster.CrmFrame;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HubSpot's REST fallback end to end: a real node (core, the HubSpot adapter, the WebSocket transport, the REST module
 * with a private app's token) logs a call through the simulated HubSpot REST API when the agent's tab closed before
 * the frame logged it, exactly once, and never when a frame did or comes back.
 */
@Timeout(90)
class HubSpotRestEndToEndIT {
    private static final Duration LOGGED = Duration.ofSeconds(20);
    private RestRig rig;
    private CallbridgeLauncher.Running node;
    private final AgentId agent = AgentId.of("acme", "hs-" + RestRig.CLICKS.incrementAndGet());

    @BeforeEach
    void start() throws Exception {
        rig = new RestRig();
        node = rig.start();
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void aTabClosedAfterTheHangUpIsLoggedByRestOnceWhenTheWrapUpTimesOut() {
        CrmFrame widget = rig.open(node, agent, "hubspot", "widget", RestRig.hubSpotPage(Set.of()));
        RestRig.logInAvailable(widget);
        CallId call = rig.dialHubSpotAndConnect(widget);
        RestRig.accepted(widget.act("hangup", RestRig.args("callId", call.value())));
        widget.awaitUi(s -> RestRig.state(s, call).equals("ENDED"), "the call ended");
        widget.close();

        RestRig.await("HubSpot updated by REST", LOGGED, () -> rig.hubspot.count("calls.update") > 0, () -> RestRig.describe(node, call));
        assertLoggedOnceByRest(call);
        SimCall logged = rig.hubspot.calls(RestRig.PORTAL).get(0);
        assertThat(logged.properties()).containsEntry("hs_call_direction", "OUTBOUND").containsKey("hs_timestamp")
                .containsKey("hs_call_duration").containsEntry("hs_call_to_number", "+16175550142");
        assertThat(rig.hubspot.associations(logged.id())).singleElement()
                .satisfies(a -> assertThat(a.toObjectId()).isEqualTo("9001"));
    }

    @Test
    void aTabClosedAfterTheAgentsWrapUpIsLoggedByRestWithTheAgentsOutcome() {
        // The page receives CALL_COMPLETED but is closed before HubSpot ran it.
        CrmFrame widget = rig.open(node, agent, "hubspot", "widget", RestRig.hubSpotPage(Set.of("CALL_COMPLETED")));
        RestRig.logInAvailable(widget);
        CallId call = rig.dialHubSpotAndConnect(widget);
        RestRig.accepted(widget.act("hangup", RestRig.args("callId", call.value())));
        RestRig.accepted(widget.act("wrapUp", RestRig.args("callId", call.value()).put("disposition", "connected")
                .put("notes", "wants the annual plan")));
        widget.awaitInvoked("CALL_COMPLETED");
        widget.close();

        RestRig.await("HubSpot updated by REST", LOGGED, () -> rig.hubspot.count("calls.update") > 0, () -> RestRig.describe(node, call));
        assertLoggedOnceByRest(call);
        SimCall logged = rig.hubspot.calls(RestRig.PORTAL).get(0);
        // The vendor's code, mapped by label to the portal's outcome id.
        assertThat(logged.properties()).containsEntry("hs_call_disposition", "f240bbac-87c9-4f6e-bf70-924b57d47db7");
        assertThat(logged.properties().get("hs_call_body")).contains("wants the annual plan");
    }

    @Test
    void aFrameComingBackWhileRestHoldsTheClaimLogsNothing() {
        CrmFrame widget = rig.open(node, agent, "hubspot", "widget", RestRig.hubSpotPage(Set.of()));
        RestRig.logInAvailable(widget);
        CallId call = rig.dialHubSpotAndConnect(widget);
        RestRig.accepted(widget.act("hangup", RestRig.args("callId", call.value())));
        widget.awaitUi(s -> RestRig.state(s, call).equals("ENDED"), "the call ended");
        // HubSpot answers slowly: the REST request is in flight, and the claim held, for a while.
        rig.hubspot.delay(Duration.ofSeconds(3));
        widget.close();
        RestRig.await("REST claimed the call's log", LOGGED, () -> RestRig.owed(node, "hubspot").stream()
                .anyMatch(o -> o.key().equals(HubSpotCallLog.key(call)) && o.claimant() != null
                        && o.claimant().startsWith("server-side:")),
                () -> RestRig.describe(node, call));

        CrmFrame back = rig.open(node, agent, "hubspot", "widget", RestRig.hubSpotPage(Set.of()));
        RestRig.await("HubSpot updated by REST", LOGGED, () -> rig.hubspot.count("calls.update") > 0, () -> RestRig.describe(node, call));
        rig.hubspot.delay(Duration.ZERO);
        RestRig.await("the entry finished", LOGGED, () -> RestRig.owed(node, "hubspot").isEmpty(),
                () -> RestRig.describe(node, call));
        RestRig.quietPeriod();
        assertThat(back.invoked()).extracting(CrmFrame.Invoked::method).doesNotContain("CALL_COMPLETED");
        assertLoggedOnceByRest(call);
    }

    @Test
    void aFrameThatStaysOpenLogsTheCallItselfAndRestSendsNothing() {
        CrmFrame widget = rig.open(node, agent, "hubspot", "widget", RestRig.hubSpotPage(Set.of()));
        RestRig.logInAvailable(widget);
        CallId call = rig.dialHubSpotAndConnect(widget);
        RestRig.accepted(widget.act("hangup", RestRig.args("callId", call.value())));
        RestRig.accepted(widget.act("wrapUp", RestRig.args("callId", call.value()).put("disposition", "connected")));
        widget.awaitInvoked("CALL_COMPLETED");
        RestRig.await("the entry finished", LOGGED, () -> RestRig.owed(node, "hubspot").isEmpty(),
                () -> RestRig.describe(node, call));
        RestRig.quietPeriod();

        assertThat(widget.executed("CALL_COMPLETED")).hasSize(1);
        assertThat(rig.hubspot.count("calls.create")).as("creates").isZero();
        assertThat(rig.hubspot.count("calls.update")).as("updates").isZero();
        assertThat(rig.hubspot.calls(RestRig.PORTAL)).as("the SDK's engagement only").hasSize(1);
        assertThat(RestRig.links(RestRig.call(node, call), "hubspot.")).doesNotContainKey("hubspot.loggedVia");
    }

    private void assertLoggedOnceByRest(CallId call) {
        RestRig.await("the entry finished", LOGGED, () -> RestRig.owed(node, "hubspot").isEmpty(),
                () -> RestRig.describe(node, call));
        RestRig.quietPeriod();
        List<SimCall> calls = rig.hubspot.calls(RestRig.PORTAL);
        assertThat(calls).as("calls in HubSpot; requests %s", rig.hubspot.counts()).hasSize(1);
        assertThat(rig.hubspot.count("calls.create")).as("creates").isZero();
        assertThat(rig.hubspot.count("calls.update")).as("updates").isEqualTo(1);
        Call done = RestRig.call(node, call);
        assertThat(RestRig.links(done, "hubspot.")).containsEntry("hubspot.loggedVia", "rest")
                .containsKey("hubspot.completed").containsKey("hubspot.finalized")
                .containsEntry("hubspot.engagementId", String.valueOf(calls.get(0).id()));
        assertThat(RestRig.owed(node, "hubspot")).isEmpty();
    }
}
