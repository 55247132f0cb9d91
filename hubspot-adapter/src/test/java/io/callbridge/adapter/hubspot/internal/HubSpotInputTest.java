package io.callbridge.adapter.hubspot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.callbridge.core.bridge.BridgeInputException;
import org.junit.jupiter.api.Test;
import java.util.List;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.command.Dial;
import io.callbridge.adapter.hubspot.message.FromHubSpot;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input from a frame is refused with the field at fault, and nothing happens. */
class HubSpotInputTest {

    static Stream<Arguments> badEvents() {
        return Stream.of(
                Arguments.of("DIAL_NUMBER", "{\"phoneNumber\":42}", BridgeInputException.Kind.WRONG_TYPE,
                        "data.phoneNumber"),
                Arguments.of("DIAL_NUMBER", "{\"countryCode\":\"US\"}", BridgeInputException.Kind.MISSING_FIELD,
                        "data.phoneNumber"),
                Arguments.of("DIAL_NUMBER", "{\"phoneNumber\":\"call me maybe\"}",
                        BridgeInputException.Kind.INVALID_VALUE, "data.phoneNumber"),
                Arguments.of("DIAL_NUMBER", "{\"phoneNumber\":\"12\",\"countryCode\":\"US\"}",
                        BridgeInputException.Kind.INVALID_VALUE, "data.phoneNumber"),
                Arguments.of("DIAL_NUMBER", "{\"phoneNumber\":\"+16175550142\",\"objectId\":\"x\"}",
                        BridgeInputException.Kind.WRONG_TYPE, "data.objectId"),
                Arguments.of("DIAL_NUMBER", "{\"phoneNumber\":\"+16175550142\",\"calleeInfo\":{\"calleeId\":\"x\","
                        + "\"calleeObjectTypeId\":\"0-1\"}}", BridgeInputException.Kind.WRONG_TYPE,
                        "data.calleeInfo.calleeId"),
                Arguments.of("DIAL_NUMBER", "{\"phoneNumber\":", BridgeInputException.Kind.MALFORMED, "data"),
                Arguments.of("CREATE_ENGAGEMENT_SUCCEEDED", "{\"engagementId\":\"abc\"}",
                        BridgeInputException.Kind.WRONG_TYPE, "data.engagementId"),
                Arguments.of("DIAL", "{}", BridgeInputException.Kind.UNKNOWN_EVENT, "DIAL"));
    }

    @ParameterizedTest(name = "{0} {1} → {2} at {3}")
    @MethodSource("badEvents")
    void badInputIsRefusedNamingTheFieldAndChangesNothing(String name, String payload,
            BridgeInputException.Kind kind, String field) {
        Harness h = new Harness();
        h.logIn();
        String frame = h.readyFrame("widget");

        BridgeInputException refused = catchThrowableOfType(BridgeInputException.class,
                () -> h.hub.event(frame, name, payload));
        h.settle();

        assertThat(refused).isNotNull();
        assertThat(refused.kind()).isEqualTo(kind);
        assertThat(refused.field()).isEqualTo(field);
        assertThat(h.engine.calls(Harness.AGENT)).isEmpty();
        assertThat(h.phone.requests()).isEmpty();
        if (kind == BridgeInputException.Kind.UNKNOWN_EVENT) {
            assertThat(h.notices).isEmpty();
            assertThat(h.hub.messages()).containsExactly("INITIALIZED loggedIn=true available=true",
                    "USER_AVAILABLE");
        } else {
            // Refused visibly: the agent's softphone and HubSpot both name the field.
            assertThat(h.notices).singleElement().satisfies(n -> {
                assertThat(n.code()).isEqualTo("hubspot." + name + "_INVALID");
                assertThat(n.message()).contains(field);
            });
            assertThat(h.hub.messages()).hasSize(3).last().asString().startsWith("ERROR ").contains(field);
        }
    }

    /** Tenant and agent ids may contain '-': "a-b"/"c" and "a"/"b-c" clicking at the same moment are two calls. */
    @Test
    void callIdsFromTheSameClickTimeNeverCollideAcrossTenantsOrAgents() {
        FromHubSpot.DialNumber dial = (FromHubSpot.DialNumber) HubSpotJson.CODEC.decodeEvent("DIAL_NUMBER",
                "{\"phoneNumber\":\"+16175550142\",\"startTimestamp\":1763740800123}");

        Dial first = HubSpotInput.dial(AgentId.of("a-b", "c"), dial, Harness.PHONES);
        Dial second = HubSpotInput.dial(AgentId.of("a", "b-c"), dial, Harness.PHONES);
        Dial third = HubSpotInput.dial(AgentId.of("a-b-c", "x"), dial, Harness.PHONES);
        Dial fourth = HubSpotInput.dial(AgentId.of("a", "b-c-x"), dial, Harness.PHONES);

        assertThat(List.of(first.callId(), second.callId(), third.callId(), fourth.callId())).doesNotContainNull()
                .doesNotHaveDuplicates();
        // The same agent's replayed click is still the same call.
        assertThat(HubSpotInput.dial(AgentId.of("a-b", "c"), dial, Harness.PHONES).callId())
                .isEqualTo(first.callId());
    }
}
