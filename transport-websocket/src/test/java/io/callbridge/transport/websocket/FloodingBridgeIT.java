package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.model.AgentId;
import io.callbridge.testkit.LogCapture;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A bridge sending the same junk over and over fills neither the log nor the agent's notices. */
class FloodingBridgeIT {
    private static final AgentId AGENT = AgentId.of("acme", "flooded");

    private static TransportSettings unlimited() {
        return TestCallbridge.defaults().withRateLimit(100_000, 100_000);
    }

    private static long lines(String log, String text) {
        return Arrays.stream(log.split("\n")).filter(line -> line.contains(text)).count();
    }

    @Test
    void aFailureRepeatedByOneSessionIsLoggedOnceNotOncePerFrame() throws Exception {
        String log = LogCapture.text(() -> {
            try (TestCallbridge app = new TestCallbridge(unlimited());
                    TestCallbridge.Session first = app.open(AGENT, "widget", null);
                    TestCallbridge.Session second = app.open(AGENT, "tab", null)) {
                for (int i = 0; i < 100; i++) {
                    first.client().send("{\"type\":\"crmEvent\",\"name\":\"boom\",\"data\":" + i + "}");
                }
                // Junk under ever new names cannot get around it either.
                for (int i = 0; i < 100; i++) {
                    first.client().send("{\"type\":\"crmEvent\",\"name\":\"boom-" + i + "\",\"data\":null}");
                }
                second.client().send("{\"type\":\"crmEvent\",\"name\":\"boom\",\"data\":null}");
                // Every frame is still answered: only the log is spared.
                for (int i = 0; i < 200; i++) {
                    assertThat(first.client().awaitType("error").get("code").asString()).isEqualTo("ADAPTER_FAILURE");
                }
                second.client().awaitType("error");
            }
        });
        assertThat(lines(log, "failed on event boom ")).as("the first session's first 'boom', and the second's")
                .isEqualTo(2);
        assertThat(lines(log, "failed on event boom-")).as("one line per name for the first few names, then one for"
                + " the rest").isLessThanOrEqualTo(17);
    }

    @Test
    void oneCodeRepeatedTakesOnlyAFewOfTheAgentsNoticesSoRealOnesStay() throws Exception {
        try (TestCallbridge app = new TestCallbridge(unlimited()); TestCallbridge.Session s = app.open(AGENT)) {
            app.engine.execute(new NotifyAgent(AGENT, "test.REAL_FAILED", "the real failure", null));
            s.awaitUi(state -> state.toString().contains("the real failure"), "the real notice");
            for (int i = 0; i < 60; i++) {
                s.client().send("{\"type\":\"crmEvent\",\"name\":\"notify\",\"data\":{\"code\":"
                        + "\"fakecrm.JUNK_FAILED\",\"message\":\"junk " + i + "\"}}");
            }
            JsonNode ui = s.awaitUi(state -> state.toString().contains("junk 59"), "the last junk notice");
            List<String> codes = ui.at("/state/notices").findValuesAsString("code");
            assertThat(codes).contains("test.REAL_FAILED");
            assertThat(codes.stream().filter("fakecrm.JUNK_FAILED"::equals)).hasSize(3);
            assertThat(ui.at("/state/notices").findValuesAsString("message")).endsWith("junk 57", "junk 58", "junk 59");
        }
    }
}
