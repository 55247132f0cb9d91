package io.callbridge.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * "Any node, any input" with real parts: two callbridge nodes (separate injectors and Jetty servers) on one real
 * redis-server, CRM frames as real WebSocket clients, the phone system reporting to another node than the one that
 * placed the call. Every frame must see the call's states in order, and each CRM side effect must be run by exactly
 * one frame of the agent, counted where the CRM runs it (the frames).
 */
@Timeout(60)
class AnyNodeAnyInputIT {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    private static final AtomicLong CLICKS = new AtomicLong(1763740800000L);
    private static final String DIALLED = "+16175550142";

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
    void aHubSpotBridgeOnOneNodeWithThePhoneSystemReportingToTheOther() throws Exception {
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
        settleClaims();

        assertThat(cluster.phone.rejectedReports()).isEmpty();
        assertStatesInOrder(widget, call);
        assertThat(methods(List.of(widget), "OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED"))
                .containsExactly("OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED");
        assertNoIdRunTwice(List.of(widget));
    }

    @Test
    void aHubSpotWidgetOnOneNodeAndItsCallingWindowOnTheOther() throws Exception {
        AgentId bob = AgentId.of("acme", "bob-" + CLICKS.get());
        cluster.reportTo(b);
        CrmFrame widget = cluster.open(a, bob, "hubspot", "widget");
        CrmFrame window = cluster.open(b, bob, "hubspot", "window");
        logInAvailable(widget);
        window.awaitUi(s -> s.path("agent").path("available").asBoolean(), "the agent available on the window");

        CallId call = dialFromHubSpot(widget);
        awaitAny(List.of(widget, window), "OUTGOING_CALL_STARTED");
        cluster.reportTo(a);
        cluster.phone.answer(call, true);
        awaitAny(List.of(widget, window), "CALL_ANSWERED");
        // The agent hangs up and saves the outcome in the calling window, on the other node.
        window.awaitUi(s -> state(s, call).equals("CONNECTED"), "the call connected on the window");
        assertAccepted(window.act("hangup", args("callId", call.value())));
        assertAccepted(window.act("wrapUp", args("callId", call.value()).put("disposition", "connected")));
        awaitAny(List.of(widget, window), "CALL_COMPLETED");
        settleClaims();

        assertThat(cluster.phone.rejectedReports()).isEmpty();
        for (CrmFrame frame : List.of(widget, window)) {
            assertStatesInOrder(frame, call);
        }
        assertThat(methods(List.of(widget, window), "OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED",
                "CALL_COMPLETED")).as("each step run by exactly one frame of the two: %s", runs(widget, window))
                .containsExactlyInAnyOrder("OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED");
        assertNoIdRunTwice(List.of(widget, window));
    }

    @Test
    void twoSalesforceTabsOnDifferentNodesLogTheCallAndCompleteTheWorkOnce() throws Exception {
        AgentId carol = AgentId.of("acme", "carol-" + CLICKS.get());
        cluster.reportTo(b);
        CrmFrame tab1 = cluster.open(a, carol, "salesforce", "tab");
        CrmFrame tab2 = cluster.open(b, carol, "salesforce", "tab");
        logInAvailable(tab1);
        tab2.awaitUi(s -> s.path("agent").path("available").asBoolean(), "the agent available on tab 2");

        String work = "0Q3000000000" + String.format("%03d", CLICKS.incrementAndGet() % 1000) + "AAA";
        tab2.crmEvent("hvs.onWorkStart", CrmFrame.JSON.readTree("{\"workId\":\"" + work
                + "\",\"completeWorkWhen\":\"TaskSaved\",\"attributes\":{\"to\":\"(617) 555-0142\"}}"));
        tab1.awaitUi(s -> s.path("workItems").size() == 1, "the work item on tab 1");
        tab1.crmEvent("onClickToDial", CrmFrame.JSON.readTree(
                "{\"number\":\"(617) 555-0142\",\"recordId\":\"00Q000000000001AAA\",\"objectType\":\"Lead\"}"));
        JsonNode dialing = tab2.awaitUi(s -> s.path("calls").size() == 1, "the call on tab 2");
        CallId call = CallId.of(dialing.path("calls").get(0).path("id").asString());
        cluster.phone.answer(call, true);
        tab2.awaitUi(s -> state(s, call).equals("CONNECTED"), "the call connected on tab 2");
        assertAccepted(tab2.act("hangup", args("callId", call.value())));
        assertAccepted(tab1.act("wrapUp", args("callId", call.value()).put("disposition", "connected")));
        awaitAny(List.of(tab1, tab2), "hvs.completeWork");
        settleClaims();

        assertThat(cluster.phone.rejectedReports()).isEmpty();
        for (CrmFrame frame : List.of(tab1, tab2)) {
            assertStatesInOrder(frame, call);
            frame.awaitUi(s -> s.path("workItems").path(0).path("state").asString().equals("COMPLETED"),
                    "the work item completed");
        }
        assertThat(methods(List.of(tab1, tab2), "saveLog", "hvs.completeWork"))
                .as("each side effect run by exactly one tab of the two: %s", runs(tab1, tab2))
                .containsExactlyInAnyOrder("saveLog", "hvs.completeWork");
        assertNoIdRunTwice(List.of(tab1, tab2));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void logInAvailable(CrmFrame frame) {
        assertAccepted(frame.act("login", CrmFrame.JSON.createObjectNode()));
        assertAccepted(frame.act("presence", args("status", "AVAILABLE")));
        frame.awaitUi(s -> s.path("agent").path("available").asBoolean(), "the agent available");
    }

    private static CallId dialFromHubSpot(CrmFrame frame) {
        long click = CLICKS.incrementAndGet();
        ObjectNode data = CrmFrame.JSON.createObjectNode().put("phoneNumber", DIALLED).put("objectId", 9001)
                .put("objectType", "CONTACT").put("portalId", 22104933L).put("countryCode", "US")
                .put("startTimestamp", click);
        frame.crmEvent("DIAL_NUMBER", data);
        String tenantAgent = "acme-";
        JsonNode ui = frame.awaitUi(s -> s.path("calls").size() > 0, "the dialled call");
        String id = ui.path("calls").get(ui.path("calls").size() - 1).path("id").asString();
        assertThat(id).startsWith("hubspot-" + tenantAgent).endsWith("-" + click);
        return CallId.of(id);
    }

    /**
     * Waits past the longest a claim that another node's bridge took could last (three invocation timeouts), so that a
     * bridge that lost a claim has looked again and had its chance to run the side effect a second time.
     */
    private static void settleClaims() throws InterruptedException {
        Thread.sleep(ClusterNodes.INVOCATION_TIMEOUT.multipliedBy(3).plusMillis(700).toMillis());
    }

    private static void awaitAny(List<CrmFrame> frames, String method) {
        long deadline = System.nanoTime() + CrmFrame.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (CrmFrame f : frames) {
                if (!f.executed(method).isEmpty()) {
                    return;
                }
            }
            sleep(10);
        }
        throw new AssertionError("no frame ran " + method + "; they ran " + runs(frames.toArray(CrmFrame[]::new)));
    }

    private static boolean invoked(JsonNode frame, String method) {
        return "invoke".equals(frame.path("type").asString()) && method.equals(frame.path("method").asString());
    }

    private static String state(JsonNode ui, CallId call) {
        for (JsonNode c : ui.path("calls")) {
            if (call.value().equals(c.path("id").asString())) {
                return c.path("state").asString();
            }
        }
        return "";
    }

    /** The frame saw the call go through its states in order, never back, ending wrapped up; ui seqs only rise. */
    private static void assertStatesInOrder(CrmFrame frame, CallId call) {
        frame.awaitUi(s -> state(s, call).equals("WRAPPED_UP"), "the call wrapped up");
        List<String> states = frame.callStates(call.value());
        List<Integer> progress = states.stream().map(s -> progress(CallState.valueOf(s))).toList();
        assertThat(progress).as("%s saw %s", frame, states).isSorted();
        // Snapshots coalesce what happens within the refresh delay, so a quick hang-up and wrap-up may show as one.
        assertThat(states).as("%s", frame).endsWith("WRAPPED_UP");
        assertThat(frame.uiSeqs()).as("%s ui seqs", frame).isSorted().doesNotHaveDuplicates();
    }

    private static int progress(CallState state) {
        return switch (state) {
            case QUEUED -> 0;
            case DIALING -> 1;
            case RINGING -> 2;
            case CONNECTED, HELD -> 3;
            case ENDED -> 4;
            case WRAPPED_UP -> 5;
        };
    }

    /** The invocations of the given methods the frames ran, all frames together. */
    private static List<String> methods(List<CrmFrame> frames, String... wanted) {
        List<String> of = List.of(wanted);
        List<String> ran = new ArrayList<>();
        for (CrmFrame f : frames) {
            f.executed().stream().map(CrmFrame.Executed::method).filter(of::contains).forEach(ran::add);
        }
        return ran;
    }

    /** No invocation id (an idempotency key) was run by two frames. */
    private static void assertNoIdRunTwice(List<CrmFrame> frames) {
        Map<String, List<String>> ranBy = new HashMap<>();
        for (CrmFrame f : frames) {
            for (CrmFrame.Executed e : f.executed()) {
                ranBy.computeIfAbsent(e.id(), id -> new ArrayList<>()).add(f.toString());
            }
        }
        ranBy.values().removeIf(by -> by.size() < 2);
        assertThat(ranBy).as("invocation ids run by more than one frame").isEmpty();
    }

    private static String runs(CrmFrame... frames) {
        StringBuilder s = new StringBuilder();
        for (CrmFrame f : frames) {
            s.append(f).append(": ").append(f.executed().stream().map(CrmFrame.Executed::method).toList())
                    .append("; ");
        }
        return s.toString();
    }

    private static void assertAccepted(JsonNode ack) {
        assertThat(ack.path("ok").asBoolean()).as("ack %s", ack).isTrue();
    }

    private static ObjectNode args(String name, String value) {
        return CrmFrame.JSON.createObjectNode().put(name, value);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
