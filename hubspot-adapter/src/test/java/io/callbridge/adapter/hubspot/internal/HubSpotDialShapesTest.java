package io.callbridge.adapter.hubspot.internal;

import static io.callbridge.adapter.hubspot.internal.Harness.AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CrmRecordRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Click-to-call with every DIAL_NUMBER shape HubSpot really sends: none is dropped, the call is about the person
 * called, extra keys are echoed back, and a number's extension reaches the phone system as an extension.
 */
class HubSpotDialShapesTest {
    private static JsonNode shape(String name) {
        try (InputStream in = Objects.requireNonNull(
                HubSpotDialShapesTest.class.getResourceAsStream("/golden/hubspot/dial-number/" + name + ".json"),
                name)) {
            return FakeHubSpot.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)).get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Call click(Harness h, String name) {
        String frame = h.readyFrame("widget");
        h.hub.event(frame, "DIAL_NUMBER", shape(name).toString());
        h.settle();
        assertThat(h.engine.calls(AGENT)).as("the click placed a call").hasSize(1);
        return h.engine.calls(AGENT).get(0);
    }

    @Test
    void aDialFromATicketWithZeroIdsAndNoObjectTypeIsPlacedForTheCalleeAndEchoedVerbatim() {
        Harness h = new Harness();
        h.logIn();
        Call call = click(h, "from-ticket-without-object");

        assertThat(call.to().e164()).isEqualTo("+380961234567");
        assertThat(call.record()).isEqualTo(new CrmRecordRef("hubspot", "CONTACT", "37621684164", null));
        JsonNode started = h.hub.data("OUTGOING_CALL_STARTED");
        assertThat(started.get("dialingContext")).isEqualTo(shape("from-ticket-without-object"));
        assertThat(started.get("dialingContext").get("threadId").asInt()).isZero();
        assertThat(h.hub.messages()).noneMatch(m -> m.startsWith("ERROR"));
    }

    @Test
    void aDialFromATicketIsAboutTheCalleeAndLogsTheCalleeAsSuch() {
        Harness h = new Harness();
        h.logIn();
        Call call = click(h, "from-ticket");
        h.hangUp(call.id());
        h.wrapUp(call.id(), CallOutcome.NONE);

        assertThat(call.record()).isEqualTo(new CrmRecordRef("hubspot", "CONTACT", "37621684164", null));
        JsonNode properties = h.hub.data("CALL_COMPLETED").get("engagementProperties");
        assertThat(properties.get("hs_call_callee_object_id").asString()).isEqualTo("37621684164");
        assertThat(properties.get("hs_call_callee_object_type").asString()).isEqualTo("CONTACT");
    }

    @Test
    void whenTheRecordOnScreenIsAnotherContactTheCallIsAboutTheOneCalled() {
        Harness h = new Harness();
        h.logIn();
        Call call = click(h, "related-contact");

        assertThat(call.record()).isEqualTo(new CrmRecordRef("hubspot", "CONTACT", "18632407239", null));
    }

    @Test
    void aStarExtensionReachesThePhoneSystemAsAnExtension() {
        Harness h = new Harness();
        h.logIn();
        Call call = click(h, "star-extension");

        assertThat(call.to().e164()).isEqualTo("+14382663913");
        assertThat(call.to().extension()).isEqualTo("227");
        assertThat(call.to().raw()).isEqualTo("+1 438 266 3913*227");
        // A deal is no callee, but it is the record the call was made from.
        assertThat(call.record()).isEqualTo(new CrmRecordRef("hubspot", "DEAL", "7301", null));
        assertThat(h.phone.requests()).extracting(r -> r.kind() + " " + r.detail())
                .contains("placeCall +14382663913");
    }

    @Test
    void anXExtensionReachesThePhoneSystemAsAnExtension() {
        Harness h = new Harness();
        h.logIn();
        Call call = click(h, "x-extension");

        assertThat(call.to().e164()).isEqualTo("+15555555555");
        assertThat(call.to().extension()).isEqualTo("9");
        assertThat(call.record()).isEqualTo(new CrmRecordRef("hubspot", "COMPANY", "88", null));
    }
}
