package io.callbridge.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CallEngine;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.crmsim.rest.hubspot.HubSpotRestSimulator;
import io.callbridge.crmsim.rest.salesforce.SalesforceRestSimulator;
import io.callbridge.samples.demo.CallbridgeDemo;
import io.callbridge.samples.demo.DemoOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * "Hang up, close the tab, the call still appears on the record": a call whose tab is closed before it is wrapped up
 * is wrapped up by core, then logged through the CRM's (simulated) REST API, exactly once, and a reopened host page
 * shows the record and completes nothing again. A demo of its own with short timings (wrap-up after 1 s, REST 1 s after
 * that, sweeps every 500 ms; core's housekeeping runs every 5 s), in the shared browser, so the other browser tests
 * keep the demo's defaults.
 */
@ExtendWith(BrowserEnvironment.class)
class ClosedTabIT {
    private static final String WIDGET = "#slot-widget iframe";
    private static final String TAB = "#softphone";
    private static final String ADA = "003SIM000000001AAA";
    private static final Duration LOGGED_WITHIN = Duration.ofSeconds(30);

    private static CallbridgeDemo demo;
    private Pages pages;

    @BeforeAll
    static void startDemo() {
        demo = CallbridgeDemo.start(DemoOptions.DEFAULTS.withPorts(BrowserEnvironment.freePort(), BrowserEnvironment.freePort())
                .withTimings(new DemoOptions.Timings(Duration.ofSeconds(1), Duration.ofSeconds(1),
                        Duration.ofMillis(500))));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @BeforeEach
    void setUp() {
        pages = new Pages(BrowserEnvironment.shared().driver);
    }

    @Test
    void hubspot_call_of_a_closed_tab_is_logged_through_the_rest_api_once_and_shows_on_the_reopened_page() {
        String agent = "hs-closed-tab";
        pages.open(demo.hubspotHostUrl(agent) + "&frames=widget");
        pages.awaitMessage("in", "INITIALIZED");
        pages.logInAvailable(WIDGET);
        pages.awaitMessage("in", "USER_AVAILABLE");

        pages.js("window.__sim.dial('0-1', 101)");
        JsonNode created = pages.awaitMessage("out", "CREATE_ENGAGEMENT_SUCCEEDED");
        long engagementId = created.path("data").path("engagementId").asLong();
        pages.awaitMessage("in", "CALL_ANSWERED");
        // The host's engagement is the portal's call object, as HubSpot's own is.
        HubSpotRestSimulator api = demo.hubspotApi();
        assertThat(api.call(engagementId)).isPresent();

        pages.callControl(WIDGET, "hangup");
        pages.awaitMessage("in", "CALL_ENDED");
        // Close the tab: the frames' WebSockets close, nobody wraps the call up or sends CALL_COMPLETED.
        pages.open("about:blank");

        AgentId id = AgentId.of(demo.options().tenant(), agent);
        Call call = await("the call logged through HubSpot's REST API", () -> demo.instance(CallEngine.class)
                .calls(id).stream().filter(c -> "rest".equals(c.crmLinks().get("hubspot.loggedVia"))).findFirst());
        assertThat(call.wrappedUpAt()).isNotNull();

        List<HubSpotRestSimulator.SimCall> calls = api.calls(demo.hubspotPortalId());
        assertThat(calls).hasSize(1);
        HubSpotRestSimulator.SimCall logged = calls.get(0);
        assertThat(logged.id()).isEqualTo(engagementId);
        assertThat(logged.properties())
                .containsEntry("hs_call_status", "COMPLETED")
                .containsEntry("hs_call_direction", "OUTBOUND")
                .containsEntry("hs_call_to_number", "+14155550100");
        assertThat(logged.properties().get("hs_call_from_number")).isNotBlank();
        assertThat(Long.parseLong(logged.properties().get("hs_call_duration"))).isGreaterThanOrEqualTo(0);
        assertThat(api.count("calls.update")).isEqualTo(1);
        assertThat(api.count("calls.create")).isZero();
        assertThat(api.associations(engagementId)).extracting(HubSpotRestSimulator.Association::toObjectId)
                .containsExactly("101");

        // Reopen the tab: the page shows the record the server logged, and the frame completes nothing again.
        pages.open(demo.hubspotHostUrl(agent) + "&frames=widget");
        pages.awaitMessage("in", "INITIALIZED");
        pages.awaitHost("the call record logged via the REST API", "(function () {"
                + " var row = document.getElementById('call-record-" + engagementId + "');"
                + " return row && row.textContent.indexOf('REST API') >= 0 && row.textContent.indexOf('COMPLETED') >= 0;"
                + " }())");
        pages.awaitHost("a records refresh after the frame initialised", "window.__hostLog.length > 0"
                + " && window.__hostState.records.length === 1");
        assertThat(pages.messages("in", "CALL_COMPLETED")).isEmpty();
        assertThat(api.calls(demo.hubspotPortalId())).hasSize(1);
        assertThat(api.count("calls.update")).isEqualTo(1);
        pages.screenshot("hubspot-host-closed-tab", false);
    }

    @Test
    void salesforce_call_of_a_closed_tab_becomes_one_task_through_the_rest_api_and_shows_on_the_reopened_page() {
        String agent = "sf-closed-tab";
        String url = demo.salesforceLoopbackHostUrl(agent);
        pages.openSalesforceHost(url, TAB);
        pages.js("window.__sim.clickToDial(arguments[0])", ADA);
        pages.awaitMessage("out", "onClickToDial");
        pages.awaitCallState(TAB, "CONNECTED");
        String callId = pages.inFrame(TAB, () -> pages.awaitElement(".cb-call").getAttribute("data-call-id"));

        pages.callControl(TAB, "hangup");
        pages.awaitCallState(TAB, "ENDED");
        pages.open("about:blank");

        AgentId id = AgentId.of(demo.options().tenant(), agent);
        Call call = await("the Task created through Salesforce's REST API", () -> demo.instance(CallEngine.class)
                .calls(id).stream().filter(c -> c.crmLinks().containsKey("salesforce.taskId")).findFirst());
        String taskId = call.crmLinks().get("salesforce.taskId");
        SalesforceRestSimulator org = demo.salesforceApi();
        assertThat(org.tasks()).hasSize(1).containsKey(taskId);
        Map<String, Object> task = org.tasks().get(taskId);
        assertThat(task).containsEntry("CallObject", callId).containsEntry("WhoId", ADA)
                .containsEntry("CallType", "Outbound");
        assertThat(org.requests(SalesforceRestSimulator.Kind.CREATE)).isEqualTo(1);

        // Reopened: the Tasks list shows the one REST created, and the softphone saves no log again.
        pages.openSalesforceHost(url, TAB);
        pages.awaitHost("the Task created via the REST API", "(function () {"
                + " var row = document.getElementById('rest-task-" + taskId + "');"
                + " return row && row.textContent.indexOf('REST API') >= 0; }())");
        assertThat(pages.messages("in", "saveLog")).isEmpty();
        assertThat(org.tasks()).hasSize(1);
        pages.screenshot("salesforce-host-closed-tab", false);
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + LOGGED_WITHIN.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100); // polling the server's state; nothing to latch on from outside the process
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
