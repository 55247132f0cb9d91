package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** When ui snapshots are sent: one for a burst of events, after the delay, and none for a change the page cannot see. */
class UiSnapshotRefreshIT {
    private static final AgentId AGENT = AgentId.of("acme", "refresh");

    @Test
    void aBurstOfEventsWithinTheDelayBecomesOneSnapshot() {
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults().withUiRefreshDelay(Duration.ofMillis(300)));
                TestCallbridge.Session s = app.open(AGENT)) {
            s.client().awaitType("ui");
            int before = uiFrames(s).size();
            for (int i = 0; i < 5; i++) {
                // Codes of their own: only three notices of one code are kept.
                app.engine.execute(new NotifyAgent(AGENT, "test.burst" + i, "n" + i, null));
            }
            s.awaitUi(state -> state.toString().contains("\"n4\""), "the last notice");
            List<JsonNode> after = uiFrames(s).subList(before, uiFrames(s).size());
            assertThat(after).as("one snapshot for the five notices").hasSize(1);
            assertThat(after.get(0).at("/state/notices").findValuesAsString("message"))
                    .containsExactly("n0", "n1", "n2", "n3", "n4");
        }
    }

    @Test
    void anEventThatChangesNothingShownSendsNoSnapshot() throws InterruptedException {
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults().withUiRefreshDelay(Duration.ZERO));
                TestCallbridge.Session s = app.open(AGENT)) {
            s.act("l", "login", "{}");
            String callId = s.act("d", "dial", "{\"number\":\"+14155551212\"}").get("callId").asString();
            app.phone.farEndAnswers(CallId.of(callId));
            s.awaitUi(state -> state.at("/calls/0/state").asString().equals("CONNECTED"), "connected call");
            // Let every snapshot of the answer go out before counting.
            Thread.sleep(300);
            int before = uiFrames(s).size();
            // A CRM link changes the call (a CallUpdated event) but nothing the page shows.
            assertThat(app.engine.execute(new CallCommand.LinkCrmArtefact(AGENT, CallId.of(callId), "fakecrm.step",
                    "done"))).isInstanceOf(io.callbridge.core.CommandResult.Accepted.class);
            Thread.sleep(300);
            app.engine.execute(new NotifyAgent(AGENT, "test.marker", "after the link", null));
            s.awaitUi(state -> state.toString().contains("after the link"), "the marker notice");
            List<String> after = uiFrames(s).subList(before, uiFrames(s).size()).stream()
                    .map(f -> f.get("state").toString()).collect(Collectors.toList());
            assertThat(after).as("only the marker's snapshot").hasSize(1);
        }
    }

    private static List<JsonNode> uiFrames(TestCallbridge.Session s) {
        return s.client().history.stream().filter(f -> "ui".equals(f.path("type").asString()))
                .collect(Collectors.toList());
    }
}
