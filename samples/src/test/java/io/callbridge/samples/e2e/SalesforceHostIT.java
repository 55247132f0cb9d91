package io.callbridge.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.samples.demo.DemoOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import tools.jackson.databind.JsonNode;

/**
 * The Salesforce host simulator (with the project's own opencti_min.js, as strict as Salesforce's) around the
 * softphone, in headless Chromium, as Lightning runs it: the host page under a Salesforce-shaped name
 * ({@link DemoOptions#SALESFORCE_HOST_NAME}, mapped to loopback by the browser), everything over https/wss. Assertions
 * are on the Open CTI requests the host received and the Tasks and completed work it holds.
 */
@ExtendWith(BrowserEnvironment.Secure.class)
class SalesforceHostIT {
    private static final String TAB = "#softphone";
    private static final String ADA = "003SIM000000001AAA";
    private static final String KATHERINE = "003SIM000000005AAA";
    private static final String BARBARA = "003SIM000000006AAA";
    private static final String WORK_ADA = "0MwSIM000000011AAA";
    private static final String WORK_ALAN = "0MwSIM000000012AAA";

    private BrowserEnvironment.Shared env;
    private Pages pages;

    @BeforeEach
    void setUp() {
        env = BrowserEnvironment.Secure.shared();
        pages = new Pages(env.driver);
    }

    private void openHost(String agent) {
        pages.openSalesforceHost(env.demo.salesforceHostUrl(agent), TAB);
    }

    private String liveCallId() {
        return pages.inFrame(TAB, () -> pages.awaitElement(".cb-call").getAttribute("data-call-id"));
    }

    @Test
    void click_to_dial_over_https_and_wss_logs_a_task_with_the_call_object() {
        openHost("sf-click");
        DemoOptions options = env.demo.options();
        assertThat((String) pages.js("return location.origin")).isEqualTo(options.salesforceHostOrigin())
                .startsWith("https://" + DemoOptions.SALESFORCE_HOST_NAME + ":");
        String frameSrc = (String) pages.js("return document.querySelector(arguments[0]).src", TAB);
        assertThat(frameSrc).startsWith(options.softphoneOrigin() + "/").contains("sfdcIframeOrigin="
                + URLEncoder.encode(options.salesforceHostOrigin(), StandardCharsets.UTF_8));
        // The softphone page is https, so its bridge can only be wss (ws:// would be blocked as mixed content, and the
        // agent could not have logged in); Open CTI came from the org's origin over https.
        String opencti = pages.inFrame(TAB, () -> (String) ((JavascriptExecutor) pages.driver()).executeScript(
                "var s = document.querySelector('script[src*=\"opencti_min.js\"]');"
                        + " return location.protocol + ' ' + (s ? s.src : 'none');"));
        assertThat(opencti).isEqualTo("https: " + options.salesforceHostOrigin()
                + "/support/api/62.0/lightning/opencti_min.js");
        JsonNode probe = pages.awaitMessage("in", "isSoftphonePanelVisible");
        assertThat(probe.path("seq").asInt()).as("the bridge's first call").isEqualTo(1);

        pages.js("window.__sim.clickToDial(arguments[0])", ADA);
        pages.awaitMessage("out", "onClickToDial");
        pages.awaitCallState(TAB, "CONNECTED");
        String callId = liveCallId();
        pages.screenshot("salesforce-host-call-connected", true);

        pages.callControl(TAB, "hangup");
        pages.wrapUp(TAB, "connected", "Asked for a demo next week");
        JsonNode saveLog = pages.awaitMessage("in", "saveLog");
        pages.awaitMessage("in", "refreshView");

        JsonNode task = saveLog.path("data").path("object");
        assertThat(task.path("entityApiName").asString()).isEqualTo("Task");
        assertThat(task.path("CallObject").asString()).isEqualTo(callId);
        assertThat(task.path("CallType").asString()).isEqualTo("Outbound");
        assertThat(task.path("WhoId").asString()).isEqualTo(ADA);
        assertThat(task.path("CallDisposition").asString()).isEqualTo("Meaningful Connect");
        assertThat(task.path("Description").asString()).contains("Asked for a demo next week");
        JsonNode tasks = pages.hostState().path("tasks");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("fields").path("CallObject").asString()).isEqualTo(callId);
        assertThat(pages.messages("in", "completeWork")).isEmpty();
        pages.screenshot("salesforce-host", true);
    }

    @Test
    void sales_engagement_work_is_completed_with_the_task_id_disposition_and_connected() {
        openHost("sf-hvs");
        pages.js("window.__sim.startWork(arguments[0])", WORK_ADA);
        pages.awaitMessage("out", "onWorkStart");
        pages.awaitCallState(TAB, "CONNECTED");
        pages.callControl(TAB, "hangup");
        pages.wrapUp(TAB, "connected", "Booked a meeting");

        JsonNode complete = pages.awaitMessage("in", "completeWork");
        JsonNode tasks = pages.hostState().path("tasks");
        assertThat(tasks).hasSize(1);
        assertThat(complete.path("data").path("workId").asString()).isEqualTo(WORK_ADA);
        JsonNode attributes = complete.path("data").path("attributes");
        assertThat(attributes.path("taskId").asString()).isEqualTo(tasks.get(0).path("Id").asString());
        assertThat(attributes.path("disposition").asString()).isEqualTo("Meaningful Connect");
        assertThat(attributes.path("wasConnected").isBoolean()).isTrue();
        assertThat(attributes.path("wasConnected").asBoolean()).isTrue();
        pages.awaitHost("the work is completed", "window.__hostState.completedWork.length === 1");
        assertThat(pages.driver().findElement(By.id("work-" + WORK_ADA)).getText()).isEqualTo("Done");
    }

    @Test
    void unanswered_work_is_completed_as_not_connected() {
        openHost("sf-noanswer");
        pages.js("window.__sim.startWork(arguments[0])", WORK_ALAN);
        pages.awaitCallState(TAB, "ENDED");
        pages.wrapUp(TAB, "no-answer", "No answer, try again tomorrow");

        JsonNode complete = pages.awaitMessage("in", "completeWork");
        JsonNode attributes = complete.path("data").path("attributes");
        assertThat(attributes.path("wasConnected").isBoolean()).isTrue();
        assertThat(attributes.path("wasConnected").asBoolean()).isFalse();
        assertThat(attributes.path("disposition").asString()).isEqualTo("Call Back Later");
        assertThat(pages.hostState().path("tasks").get(0).path("fields").path("CallDisposition").asString())
                .isEqualTo("Call Back Later");
    }

    @Test
    void an_inbound_call_pops_the_caller_record() {
        openHost("sf-inbound");
        pages.js("window.__sim.ring('+1 415 555 7001')");

        JsonNode search = pages.awaitMessage("in", "searchAndScreenPop");
        assertThat(search.path("data").path("callType").asString()).isEqualTo("inbound");
        assertThat(search.path("argKeys")).as("every key Salesforce's library sends, given or not").hasSize(6);
        JsonNode pop = pages.awaitMessage("in", "screenPop");
        assertThat(pop.path("data").path("type").asString()).isEqualTo("sobject");
        assertThat(pop.path("data").path("params").path("recordId").asString()).isEqualTo(BARBARA);
        pages.awaitHost("Barbara's record on screen", "document.getElementById('screen-record')"
                + " && document.getElementById('screen-record').textContent === 'Barbara Liskov'");

        pages.callControl(TAB, "answer");
        pages.awaitCallState(TAB, "CONNECTED");
        pages.callControl(TAB, "hangup");
        pages.wrapUp(TAB, "connected", "Called about an invoice");
        JsonNode saveLog = pages.awaitMessage("in", "saveLog");
        assertThat(saveLog.path("data").path("object").path("CallType").asString()).isEqualTo("Inbound");
        assertThat(saveLog.path("data").path("object").path("WhoId").asString()).isEqualTo(BARBARA);
    }

    /**
     * A host page whose origin Open CTI refuses (here the demo's old {@code https://localhost:<port>}): the softphone
     * says that Open CTI did not start and why, loads nothing from the host, and offers no log-in.
     */
    @Test
    void a_refused_sfdc_iframe_origin_is_reported_in_the_softphone() {
        String refused = env.demo.options().hostOrigin();
        pages.open(refused + "/salesforce/?agent=sf-refused");
        String shown = pages.inFrame(TAB, () -> pages.awaitElement("[role=alert]").getText());
        assertThat(shown).startsWith("Open CTI did not start: Salesforce's library refuses sfdcIframeOrigin \""
                + refused + "\"");
        assertThat(pages.softphoneText(TAB)).doesNotContain("Log in");
        assertThat(pages.inFrame(TAB, () -> pages.driver().findElements(By.cssSelector("script[src*=opencti_min]"))))
                .isEmpty();
        assertThat(pages.messages("in", "notifyInitializationComplete")).isEmpty();
    }

    /**
     * The README's plain demo: the host simulator on its loopback origin with the demo's explicit opt-in
     * ({@code ?loopback=1}) runs Open CTI, while the same page without it is refused (above), as by Salesforce.
     */
    @Test
    void the_demo_loopback_opt_in_runs_open_cti_on_the_loopback_host() {
        pages.openSalesforceHost(env.demo.salesforceLoopbackHostUrl("sf-loopback"), TAB);
        assertThat(pages.softphoneText(TAB)).doesNotContain("Open CTI did not start");
    }

    /**
     * Lightning Message Service through the shipped bridge code and the host's Open CTI library: the bridge keeps the
     * library's subscription and hands it back, so the channel's messages stop once it unsubscribed.
     */
    @Test
    void a_message_channel_delivers_messages_until_the_bridge_unsubscribes() throws InterruptedException {
        pages.open(env.demo.salesforceHostUrl("sf-lms"));
        pages.awaitMessage("in", "notifyInitializationComplete");
        String channel = "CallbridgeDemo__c";
        assertThat(inTab("var received = window.__lmsReceived = [];"
                + "window.__lmsInvoke = CallbridgeSalesforce.createInvoker(sforce.opencti,"
                + "  function (name, payload) { received.push({name: name, payload: payload}); });"
                + "window.__lmsInvoke('subscribe', {channelName: arguments[0]}).then("
                + "  function (r) { done(JSON.stringify(r)); }, function (e) { done('failed: ' + e.message); });",
                channel)).isEqualTo("{\"success\":true,\"returnValue\":null,\"errors\":null}");
        JsonNode subscribe = pages.awaitMessage("in", "subscribe");
        assertThat(subscribe.path("data").path("eventName").asString()).isEqualTo(channel);
        assertThat(subscribe.path("data").has("channelName")).isFalse();

        assertThat(pages.js("return window.__sim.publish(arguments[0], {callId: 'c-1', action: 'hold'})", channel))
                .isEqualTo(true);
        assertThat(inTab("var wait = function () { if (window.__lmsReceived.length) {"
                + " done(JSON.stringify(window.__lmsReceived)); } else { setTimeout(wait, 20); } }; wait();"))
                .isEqualTo("[{\"name\":\"subscribe\",\"payload\":{\"channelName\":\"" + channel
                        + "\",\"message\":{\"callId\":\"c-1\",\"action\":\"hold\"}}}]");

        assertThat(inTab("window.__lmsInvoke('unsubscribe', {channelName: arguments[0]}).then("
                + "  function (r) { done(String(r.success)); }, function (e) { done('failed: ' + e.message); });",
                channel)).isEqualTo("true");
        assertThat(pages.awaitMessage("in", "unsubscribe").path("data").path("eventName").asString())
                .isEqualTo(channel);
        assertThat(pages.js("return window.__sim.publish(arguments[0], {callId: 'c-1', action: 'resume'})", channel))
                .as("the host has no subscriber left").isEqualTo(false);
        Thread.sleep(300); // a message still on its way would arrive within this
        assertThat(inTab("done(window.__lmsReceived.length)")).isEqualTo(1L);
    }

    /** Runs {@code body} (which calls {@code done(value)}) asynchronously in the softphone tab. */
    private Object inTab(String body, Object... args) {
        return pages.inFrame(TAB, () -> ((JavascriptExecutor) pages.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];" + body, args));
    }

    @Test
    void a_tab_reloaded_mid_call_keeps_the_call_and_logs_it_once() throws InterruptedException {
        openHost("sf-reload");
        pages.js("window.__sim.clickToDial(arguments[0])", KATHERINE);
        pages.awaitCallState(TAB, "CONNECTED");
        String callId = liveCallId();

        pages.js("window.__sim.reloadTab()");
        pages.awaitHost("the reloaded tab initialised", "window.__hostLog.filter(function (m) {"
                + " return m.dir === 'in' && m.type === 'notifyInitializationComplete'; }).length >= 2");
        pages.awaitCallState(TAB, "CONNECTED");
        assertThat(liveCallId()).isEqualTo(callId);

        pages.callControl(TAB, "hangup");
        pages.wrapUp(TAB, "connected", "Call survived a reload");
        pages.awaitMessage("in", "saveLog");
        Thread.sleep(2000); // a duplicate log would arrive within this
        List<JsonNode> logs = pages.messages("in", "saveLog");
        assertThat(logs).hasSize(1);
        assertThat(pages.hostState().path("tasks")).hasSize(1);
        assertThat(logs.get(0).path("data").path("object").path("CallObject").asString()).isEqualTo(callId);
    }
}
