package io.callbridge.adapter.hubspot.internal;

import static io.callbridge.adapter.hubspot.internal.Harness.AGENT;
import static io.callbridge.adapter.hubspot.internal.Harness.DIALLED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.bridge.BridgeInputException;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.CallState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** Every refusal of what HubSpot asked for reaches HubSpot as an ERROR and the agent's softphone as a notice. */
class HubSpotRefusalTest {
    private static final String ID = DIALLED.value();

    private static String secondClick() {
        ObjectNode data = (ObjectNode) Harness.dialNumberData().deepCopy();
        data.put("phoneNumber", "+1 (617) 555-0199");
        data.put("startTimestamp", 1763740899999L);
        return data.toString();
    }

    @Test
    void aDialWhileTheAgentIsOnACallIsRefusedAsBusyWhereTheUserClicked() {
        Harness h = new Harness();
        String frame = h.connectedCallOn("widget");

        h.hub.event(frame, "DIAL_NUMBER", secondClick());
        h.settle();

        assertThat(h.engine.calls(AGENT)).hasSize(1);
        assertThat(h.call(DIALLED).state()).isEqualTo(CallState.CONNECTED);
        assertThat(h.hub.messages()).filteredOn(m -> m.startsWith("OUTGOING_CALL_STARTED")).hasSize(1);
        assertThat(h.hub.messages()).filteredOn(m -> m.startsWith("ERROR")).singleElement()
                .satisfies(m -> assertThat(m).startsWith("ERROR Could not call +1 (617) 555-0199: ")
                        .contains("already has a live call (" + ID + ")"));
        assertThat(h.notices).extracting(CoreEvent.AgentNotice::code).containsExactly("hubspot.DIAL_NUMBER_REJECTED");
    }

    /** An unparsable number, the number as a JSON number, no number: refused, and the user sees why, field named. */
    @ParameterizedTest
    @ValueSource(strings = {"\"call me maybe\"", "16175550142", "null"})
    void aMalformedDialIsRefusedWhereTheUserSeesItNamingTheField(String phoneNumber) {
        Harness h = new Harness();
        h.logIn();
        String frame = h.readyFrame("widget");
        String payload = "{\"phoneNumber\":" + phoneNumber + ",\"objectId\":9001,\"objectType\":\"CONTACT\"}";

        // The transport still gets the typed refusal, which the bridge client answers as an error.
        assertThatThrownBy(() -> h.hub.event(frame, "DIAL_NUMBER", payload))
                .isInstanceOfSatisfying(BridgeInputException.class,
                        e -> assertThat(e.field()).isEqualTo("data.phoneNumber"));
        h.settle();

        assertThat(h.engine.calls(AGENT)).isEmpty();
        assertThat(h.hub.messages()).filteredOn(m -> m.startsWith("ERROR")).singleElement()
                .satisfies(m -> assertThat(m).startsWith("ERROR HubSpot's call request was refused: data.phoneNumber "));
        assertThat(h.notices).singleElement().satisfies(n -> {
            assertThat(n.code()).isEqualTo("hubspot.DIAL_NUMBER_INVALID");
            assertThat(n.message()).contains("data.phoneNumber");
        });
    }

    @Test
    void anEventTypeTheAdapterDoesNotKnowIsNoUserError() {
        Harness h = new Harness();
        h.logIn();
        String frame = h.readyFrame("widget");

        assertThatThrownBy(() -> h.hub.event(frame, "SOMETHING_NEWER", "{}"))
                .isInstanceOf(BridgeInputException.class);
        h.settle();

        assertThat(h.hub.messages()).noneMatch(m -> m.startsWith("ERROR"));
        assertThat(h.notices).isEmpty();
    }
}
