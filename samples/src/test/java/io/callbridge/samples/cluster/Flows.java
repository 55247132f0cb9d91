package io.callbridge.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The multi-node call flows the cluster tests drive through real frames, and what they check about them: the states
 * each frame saw, and which frame ran which CRM invocation.
 */
final class Flows {
    static final AtomicLong CLICKS = new AtomicLong(1763740800000L);
    static final String DIALLED = "+16175550142";

    /** A call that went through, and the frames of the agent that saw it. */
    record Run(CallId call, List<CrmFrame> frames) { }

    private Flows() {
    }

    /**
     * A HubSpot widget on {@code a} and the agent's calling window on {@code b}: the call is dialled from the widget,
     * reported first to {@code b} then to {@code a}, hung up and wrapped up in the window; returns once a frame ran
     * CALL_COMPLETED.
     */
    static Run hubSpotWidgetAndWindow(ClusterNodes cluster, ClusterNodes.Node a, ClusterNodes.Node b, AgentId agent) {
        cluster.reportTo(b);
        CrmFrame widget = cluster.open(a, agent, "hubspot", "widget");
        CrmFrame window = cluster.open(b, agent, "hubspot", "window");
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
        return new Run(call, List.of(widget, window));
    }

    /**
     * Two Salesforce tabs, on {@code a} and {@code b}: Sales Engagement work started in the tab on {@code b}, dialled
     * from the tab on {@code a}, reported to {@code b}, hung up on {@code b} and wrapped up on {@code a}; returns once a
     * tab ran {@code hvs.completeWork}.
     */
    static Run salesforceTabs(ClusterNodes cluster, ClusterNodes.Node a, ClusterNodes.Node b, AgentId agent) {
        cluster.reportTo(b);
        CrmFrame tab1 = cluster.open(a, agent, "salesforce", "tab");
        CrmFrame tab2 = cluster.open(b, agent, "salesforce", "tab");
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
        return new Run(call, List.of(tab1, tab2));
    }


    static void logInAvailable(CrmFrame frame) {
        assertAccepted(frame.act("login", CrmFrame.JSON.createObjectNode()));
        assertAccepted(frame.act("presence", args("status", "AVAILABLE")));
        frame.awaitUi(s -> s.path("agent").path("available").asBoolean(), "the agent available");
    }

    static CallId dialFromHubSpot(CrmFrame frame) {
        long click = CLICKS.incrementAndGet();
        ObjectNode data = CrmFrame.JSON.createObjectNode().put("phoneNumber", DIALLED).put("objectId", 9001)
                .put("objectType", "CONTACT").put("portalId", 22104933L).put("countryCode", "US")
                .put("startTimestamp", click);
        frame.crmEvent("DIAL_NUMBER", data);
        String tenantAgent = "acme:";
        JsonNode ui = frame.awaitUi(s -> s.path("calls").size() > 0, "the dialled call");
        String id = ui.path("calls").get(ui.path("calls").size() - 1).path("id").asString();
        assertThat(id).startsWith("hubspot:" + tenantAgent).endsWith(":" + click);
        return CallId.of(id);
    }

    /**
     * Waits past the longest a claim that another node's bridge took could last (one claim lease: three invocation
     * timeouts here), so that a bridge that lost a claim has looked again and had its chance to run the side effect a
     * second time.
     */
    static void settleClaims() {
        sleep(ClusterNodes.INVOCATION_TIMEOUT.multipliedBy(3).plusMillis(700).toMillis());
    }

    static void awaitAny(List<CrmFrame> frames, String method) {
        long deadline = System.nanoTime() + CrmFrame.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (CrmFrame f : frames) {
                if (!f.executed(method).isEmpty()) {
                    return;
                }
            }
            sleep(10);
        }
        throw new AssertionError("no frame ran " + method + "; they ran " + runs(frames));
    }

    static boolean invoked(JsonNode frame, String method) {
        return "invoke".equals(frame.path("type").asString()) && method.equals(frame.path("method").asString());
    }

    static String state(JsonNode ui, CallId call) {
        for (JsonNode c : ui.path("calls")) {
            if (call.value().equals(c.path("id").asString())) {
                return c.path("state").asString();
            }
        }
        return "";
    }

    /** The frame saw the call go through its states in order, never back, ending wrapped up; ui seqs only rise. */
    static void assertStatesInOrder(CrmFrame frame, CallId call) {
        frame.awaitUi(s -> state(s, call).equals("WRAPPED_UP"), "the call wrapped up");
        List<String> states = frame.callStates(call.value());
        List<Integer> progress = states.stream().map(s -> progress(CallState.valueOf(s))).toList();
        assertThat(progress).as("%s saw %s", frame, states).isSorted();
        // Snapshots coalesce what happens within the refresh delay, so a quick hang-up and wrap-up may show as one.
        assertThat(states).as("%s", frame).endsWith("WRAPPED_UP");
        assertThat(frame.uiSeqs()).as("%s ui seqs", frame).isSorted().doesNotHaveDuplicates();
    }

    static int progress(CallState state) {
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
    static List<String> methods(List<CrmFrame> frames, String... wanted) {
        List<String> of = List.of(wanted);
        List<String> ran = new ArrayList<>();
        for (CrmFrame f : frames) {
            f.executed().stream().map(CrmFrame.Executed::method).filter(of::contains).forEach(ran::add);
        }
        return ran;
    }

    /** No invocation id (an idempotency key) was run by two frames. */
    static void assertNoIdRunTwice(List<CrmFrame> frames) {
        Map<String, List<String>> ranBy = new HashMap<>();
        for (CrmFrame f : frames) {
            for (CrmFrame.Executed e : f.executed()) {
                ranBy.computeIfAbsent(e.id(), id -> new ArrayList<>()).add(f.toString());
            }
        }
        ranBy.values().removeIf(by -> by.size() < 2);
        assertThat(ranBy).as("invocation ids run by more than one frame").isEmpty();
    }

    static String runs(List<CrmFrame> frames) {
        StringBuilder s = new StringBuilder();
        for (CrmFrame f : frames) {
            s.append(f).append(": ").append(f.executed().stream().map(CrmFrame.Executed::method).toList())
                    .append("; ");
        }
        return s.toString();
    }

    static void assertAccepted(JsonNode ack) {
        assertThat(ack.path("ok").asBoolean()).as("ack %s", ack).isTrue();
    }

    static ObjectNode args(String name, String value) {
        return CrmFrame.JSON.createObjectNode().put(name, value);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
