package io.callbridge.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The HubSpot host simulator (HubSpot's own SDK on the host side) around the real softphone page, in headless
 * Chromium. Every test asserts what the host received, not only what the softphone shows. Each test uses its own
 * agent, so calls of one test never show up in another.
 */
@ExtendWith(BrowserEnvironment.class)
class HubSpotHostIT {
    private static final String WIDGET = "#slot-widget iframe";
    private static final String WINDOW = "#slot-window iframe";

    private Pages pages;

    @BeforeEach
    void setUp() {
        pages = new Pages(BrowserEnvironment.shared().driver);
    }

    private void openHost(String agent, String frames) {
        pages.open(BrowserEnvironment.shared().demo.hubspotHostUrl(agent) + "&frames=" + frames);
        pages.awaitMessage("in", "INITIALIZED");
    }

    @Test
    void outbound_answered_call_completes_the_engagement_with_notes_and_disposition() {
        openHost("hs-outbound", "widget");
        pages.logInAvailable(WIDGET);
        pages.awaitMessage("in", "USER_AVAILABLE");

        pages.js("document.getElementById('call-101').click()");
        JsonNode dial = pages.awaitMessage("out", "DIAL_NUMBER");
        JsonNode started = pages.awaitMessage("in", "OUTGOING_CALL_STARTED");
        String callId = started.path("data").path("externalCallId").asString();
        assertThat(started.path("data").path("toNumber").asString()).isEqualTo("+14155550100");
        assertThat(started.path("data").path("createEngagement").asBoolean()).isTrue();
        assertThat(started.path("data").path("dialingContext").path("objectId").asLong())
                .isEqualTo(dial.path("data").path("objectId").asLong());
        pages.awaitMessage("out", "CREATE_ENGAGEMENT_SUCCEEDED");
        pages.awaitMessage("in", "CALL_ANSWERED", n -> callId.equals(n.path("data").path("externalCallId").asString()));
        pages.screenshot("hubspot-host-call-connected", true);

        pages.callControl(WIDGET, "hangup");
        pages.wrapUp(WIDGET, "connected", "Talked about the analytical engine");
        JsonNode ended = pages.awaitMessage("in", "CALL_ENDED");
        JsonNode completed = pages.awaitMessage("in", "CALL_COMPLETED");
        pages.awaitMessage("out", "UPDATE_ENGAGEMENT_SUCCEEDED");

        assertThat(ended.path("data").path("callEndStatus").asString()).isEqualTo("COMPLETED");
        JsonNode props = completed.path("data").path("engagementProperties");
        assertThat(completed.path("data").path("externalCallId").asString()).isEqualTo(callId);
        assertThat(props.path("hs_call_disposition").asString()).isEqualTo("sim-outcome-connected");
        assertThat(props.path("hs_call_body").asString()).contains("Talked about the analytical engine");
        assertThat(props.path("hs_call_direction").asString()).isEqualTo("OUTBOUND");
        assertThat(props.path("hs_call_status").asString()).isEqualTo("COMPLETED");
        assertThat(pages.messages("in", "CALL_COMPLETED")).hasSize(1);
        JsonNode engagement = pages.hostState().path("engagements").get(0);
        assertThat(engagement.path("completions").asInt()).isEqualTo(1);
        pages.screenshot("hubspot-host", true);
    }

    @Test
    void a_busy_number_ends_busy_and_is_logged_as_busy() {
        openHost("hs-busy", "widget");
        pages.logInAvailable(WIDGET);
        pages.js("window.__sim.dial('0-1', 102)");
        JsonNode ended = pages.awaitMessage("in", "CALL_ENDED");
        assertThat(ended.path("data").path("callEndStatus").asString()).isEqualTo("BUSY");
        assertThat(pages.messages("in", "CALL_ANSWERED")).isEmpty();

        pages.wrapUp(WIDGET, "no-answer", "Line busy");
        JsonNode completed = pages.awaitMessage("in", "CALL_COMPLETED");
        assertThat(completed.path("data").path("engagementProperties").path("hs_call_status").asString())
                .isEqualTo("BUSY");
        assertThat(completed.path("data").path("engagementProperties").path("hs_call_disposition").asString())
                .isEqualTo("sim-outcome-no-answer");
    }

    @Test
    void end_call_from_hubspot_hangs_up() {
        openHost("hs-endcall", "widget");
        pages.logInAvailable(WIDGET);
        pages.js("window.__sim.dial('0-1', 105)");
        pages.awaitMessage("in", "CALL_ANSWERED");

        pages.js("document.getElementById('end-call').click()");
        pages.awaitMessage("out", "END_CALL");
        JsonNode ended = pages.awaitMessage("in", "CALL_ENDED");
        assertThat(ended.path("data").path("callEndStatus").asString()).isEqualTo("COMPLETED");
        pages.awaitCallState(WIDGET, "ENDED");
    }

    @Test
    void inbound_call_with_one_caller_id_match_navigates_to_the_record() {
        openHost("hs-inbound", "widget");
        pages.logInAvailable(WIDGET);
        pages.js("window.__sim.ring('+1 415 555 7001')");

        JsonNode incoming = pages.awaitMessage("in", "INCOMING_CALL");
        assertThat(incoming.path("data").path("fromNumber").asString()).isEqualTo("+14155557001");
        JsonNode match = pages.awaitMessage("out", "CALLER_ID_MATCH_SUCCEEDED");
        assertThat(match.path("data").path("callerIdMatches")).hasSize(1);
        JsonNode navigate = pages.awaitMessage("in", "NAVIGATE_TO_RECORD");
        assertThat(navigate.path("data").path("objectCoordinates").path("objectId").asLong()).isEqualTo(106);
        assertThat(navigate.path("data").path("objectCoordinates").path("objectTypeId").asString()).isEqualTo("0-1");
        pages.awaitHost("Barbara's record on screen",
                "document.getElementById('current-record-name') && "
                        + "document.getElementById('current-record-name').textContent === 'Barbara Liskov'");

        pages.callControl(WIDGET, "answer");
        pages.awaitMessage("in", "CALL_ANSWERED");
        pages.callControl(WIDGET, "hangup");
        pages.wrapUp(WIDGET, "connected", "Inbound question about invoices");
        JsonNode completed = pages.awaitMessage("in", "CALL_COMPLETED");
        JsonNode props = completed.path("data").path("engagementProperties");
        assertThat(props.path("hs_call_direction").asString()).isEqualTo("INBOUND");
        assertThat(props.path("hs_call_callee_object_id").asString()).isEqualTo("106");
    }

    @Test
    void a_reloaded_frame_keeps_the_call_and_completes_it_exactly_once() throws InterruptedException {
        openHost("hs-reload", "widget");
        pages.logInAvailable(WIDGET);
        pages.js("window.__sim.dial('0-1', 105)");
        JsonNode started = pages.awaitMessage("in", "OUTGOING_CALL_STARTED");
        pages.awaitMessage("in", "CALL_ANSWERED");

        pages.js("window.__sim.reloadFrame('widget')");
        pages.awaitMessage("out", "RELOAD");
        pages.awaitHost("the reloaded frame initialised", "window.__hostLog.filter(function (m) {"
                + " return m.dir === 'in' && m.type === 'INITIALIZED'; }).length >= 2");
        pages.awaitCallState(WIDGET, "CONNECTED");

        pages.callControl(WIDGET, "hangup");
        pages.wrapUp(WIDGET, "connected", "Survived a reload");
        pages.awaitMessage("in", "CALL_COMPLETED");
        Thread.sleep(2000); // a second CALL_COMPLETED would arrive within this
        List<JsonNode> completions = pages.messages("in", "CALL_COMPLETED");
        assertThat(completions).hasSize(1);
        assertThat(completions.get(0).path("data").path("externalCallId").asString())
                .isEqualTo(started.path("data").path("externalCallId").asString());
        assertThat(pages.messages("in", "OUTGOING_CALL_STARTED")).hasSize(1);
        assertThat(pages.hostState().path("engagements")).hasSize(1);
    }

    @Test
    void widget_and_window_frames_show_the_same_call_and_only_one_drives_hubspot() {
        openHost("hs-frames", "widget,window");
        pages.awaitHost("both frames initialised", "window.__hostLog.filter(function (m) {"
                + " return m.dir === 'in' && m.type === 'INITIALIZED'; }).length >= 2");
        pages.logInAvailable(WIDGET);
        pages.awaitMessage("in", "LOGGED_IN", n -> n.path("frame").asString().equals("window"));

        pages.js("window.__sim.dial('0-1', 105, 'widget')");
        pages.awaitMessage("in", "CALL_ANSWERED");
        pages.awaitCallState(WIDGET, "CONNECTED");
        pages.awaitCallState(WINDOW, "CONNECTED");
        pages.screenshot("hubspot-host-widget-and-window", true);

        pages.callControl(WINDOW, "hangup");
        pages.wrapUp(WINDOW, "connected", "Wrapped up in the calling window");
        pages.awaitMessage("in", "CALL_COMPLETED");
        assertThat(pages.messages("in", "OUTGOING_CALL_STARTED")).hasSize(1);
        assertThat(pages.messages("in", "CALL_COMPLETED")).hasSize(1);
    }

    /** What HubSpot really sends from a ticket (SDK issue #228): ids 0, no objectType, extra keys; then TICKET. */
    @Test
    void dials_from_tickets_with_zero_ids_or_a_ticket_object_are_placed() {
        openHost("hs-ticket", "widget");
        pages.logInAvailable(WIDGET);
        pages.awaitMessage("in", "USER_AVAILABLE");

        pages.js("window.__sim.dialPayload({phone_number: '+1 415 555 0104', calleeInfo: {calleeId: 105,"
                + " calleeObjectTypeId: '0-1'}, objectId: 0, countryCode: 'US', startTimestamp: Date.now(),"
                + " toPhoneNumberSrc: 'phone', subjectId: 0, portalId: 22104933, phoneNumber: '+1 415 555 0104',"
                + " threadId: 0, ownerId: 53728419})");
        JsonNode first = pages.awaitMessage("in", "OUTGOING_CALL_STARTED");
        assertThat(first.path("data").path("dialingContext").path("threadId").isNumber()).isTrue();
        pages.js("window.__sim.endCall()");
        pages.awaitMessage("in", "CALL_ENDED");

        pages.js("window.__sim.dialPayload({phoneNumber: '+1 415 555 0104', objectId: 4290391019,"
                + " objectType: 'TICKET', calleeInfo: {calleeId: 105, calleeObjectTypeId: '0-1'}, countryCode: 'US',"
                + " startTimestamp: Date.now() + 1, portalId: 22104933, ownerId: 53728419})");
        JsonNode second = pages.awaitMessage("in", "OUTGOING_CALL_STARTED",
                n -> n.path("data").path("dialingContext").path("objectType").asString().equals("TICKET"));
        assertThat(second.path("data").path("fromNumber").asString()).isNotEmpty();
        assertThat(pages.messages("in", "ERROR")).isEmpty();
    }

    /** A dial during a call and a malformed dial are refused where the user clicked: an ERROR in HubSpot. */
    @Test
    void a_dial_during_a_call_and_a_malformed_dial_are_refused_visibly_in_hubspot() {
        openHost("hs-refusals", "widget");
        pages.logInAvailable(WIDGET);
        pages.js("window.__sim.dial('0-1', 105)");
        pages.awaitMessage("in", "CALL_ANSWERED");

        pages.js("window.__sim.dial('0-1', 101)");
        JsonNode busy = pages.awaitMessage("in", "ERROR");
        assertThat(busy.path("data").path("message").asString()).contains("already has a live call");

        pages.js("window.__sim.dialPayload({phoneNumber: 'call me maybe', objectId: 101, objectType: 'CONTACT',"
                + " startTimestamp: Date.now()})");
        JsonNode malformed = pages.awaitMessage("in", "ERROR",
                n -> n.path("data").path("message").asString().contains("data.phoneNumber"));
        assertThat(malformed.path("data").path("message").asString()).startsWith("HubSpot's call request was refused");
        assertThat(pages.messages("in", "OUTGOING_CALL_STARTED")).hasSize(1);
        pages.awaitCallState(WIDGET, "CONNECTED");
    }
}
