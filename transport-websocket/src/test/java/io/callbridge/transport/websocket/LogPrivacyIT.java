package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.testkit.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Call flows through the real server and core with the log captured (slf4j-simple writes INFO and above to
 * {@code System.err}): no phone number, contact name or note the flows used may appear in it.
 */
class LogPrivacyIT {
    private static final AgentId AGENT = AgentId.of("acme", "privacy");
    private static final String CALLED = "+14155550142";
    private static final String TRANSFER_TARGET = "+14155550143";
    private static final String CALLER = "+14155550144";
    private static final String BARRED = "+14155550199";
    private static final String CONTACT = "Augusta Byron";
    private static final String NOTES = "promised a quote for the difference engine";

    @Test
    void callFlowsLogNoPhoneNumbersNamesOrNotes() throws Exception {
        String[] barredCall = new String[1];
        String log = LogCapture.text(() -> {
            try (TestCallbridge app = new TestCallbridge(); TestCallbridge.Session s = app.open(AGENT)) {
                app.phone.refused.add(BARRED);
                s.act("l", "login", "{}");
                s.act("p", "presence", "{\"status\":\"AVAILABLE\"}");

                // Outbound: answered, held, resumed, muted, transferred.
                String out = s.act("d1", "dial", "{\"number\":\"(415) 555-0142\"}").get("callId").asString();
                app.phone.farEndAnswers(CallId.of(out));
                s.awaitUi(state -> state.toString().contains("CONNECTED"), "connected");
                s.act("h", "hold", "{\"callId\":\"" + out + "\"}");
                s.act("r", "resume", "{\"callId\":\"" + out + "\"}");
                s.act("m", "mute", "{\"callId\":\"" + out + "\",\"muted\":true}");
                s.act("t", "transfer", "{\"callId\":\"" + out + "\",\"target\":\"" + TRANSFER_TARGET + "\"}");
                s.act("w1", "wrapUp", "{\"callId\":\"" + out + "\",\"disposition\":\"connected\",\"notes\":\""
                        + NOTES + " with " + CONTACT + "\"}");

                // Inbound, answered and hung up; then one declined.
                PhoneNumberParser parser = new PhoneNumberParser("US");
                app.phone.ring(CallId.of("in-1"), AGENT, parser.parse(CALLER), parser.parse("+14155550100"));
                s.awaitUi(state -> state.toString().contains("in-1"), "ringing");
                s.act("a", "answer", "{\"callId\":\"in-1\"}");
                s.act("x", "hangup", "{\"callId\":\"in-1\"}");
                s.act("w2", "wrapUp", "{\"callId\":\"in-1\",\"notes\":\"" + NOTES + "\"}");

                // The phone system refuses a number, saying which; core tells the agent and logs the refusal.
                JsonNode refused = s.act("d2", "dial", "{\"number\":\"" + BARRED + "\"}");
                barredCall[0] = refused.get("callId").asString();
                s.awaitUi(state -> state.toString().contains("provider.failure"), "the refusal's notice");

                // The CRM sends a number and a name; the adapter fails on it with them in its exception.
                s.client().send("{\"type\":\"crmEvent\",\"name\":\"boom\",\"data\":{\"phoneNumber\":\"" + CALLED
                        + "\",\"name\":\"" + CONTACT + "\"}}");
                s.client().awaitType("error");
                // Malformed input naming a number.
                s.act("bad", "dial", "{\"number\":\"call " + CALLER + " now please\"}");
                s.client().send("{\"type\":\"uiAction\",\"id\":\"" + CALLED + "\",\"action\":\"dial\",\"args\":7}");
                s.client().await(f -> CALLED.equals(f.path("ref").asString()), "the refusal of the bad frame");
            }
        });
        assertThat(log).as("the capture works: the refusal is logged with its call").contains("phone system refused")
                .contains(barredCall[0]);
        assertThat(log).as("the adapter's failure is logged").contains("failed on event boom");
        for (String number : List.of(CALLED, TRANSFER_TARGET, CALLER, BARRED)) {
            String national = number.substring(2);
            assertThat(log).doesNotContain(number).doesNotContain(national)
                    .doesNotContain(national.substring(3, 6) + "-" + national.substring(6))
                    .doesNotContain(national.substring(3));
        }
        assertThat(log).doesNotContain(CONTACT).doesNotContain(NOTES);
    }
}
