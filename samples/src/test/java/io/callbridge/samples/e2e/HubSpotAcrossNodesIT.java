package io.callbridge.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.samples.demo.CallbridgeDemo;
import io.callbridge.samples.demo.DemoOptions;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Two demo nodes on one redis-server (as the README's "Two demo nodes on one Redis" runs them, here in this JVM) and
 * HubSpot's own SDK in headless Chromium: a call whose softphone frame is on node A is reloaded mid-call onto node B,
 * which shows the call, hangs it up and logs it; the HubSpot host sees the call announced once and completed once.
 *
 * <p>The host page is node A's HubSpot host simulator. To reload its widget from node B the test points the page's own
 * frame record at node B's softphone origin before it asks the page to reload the frame: a test-only script in the
 * page, as a load balancer would send the reloaded frame to another node; the simulator itself is unchanged. The SDK's
 * host side only talks to the origin it embedded, so the script also tells it the new one, as HubSpot's
 * {@code SET_WIDGET_URL} does.
 */
@ExtendWith(BrowserEnvironment.class)
class HubSpotAcrossNodesIT {
    private static final String WIDGET = "#slot-widget iframe";

    @RegisterExtension
    final RedisServerExtension redis = RedisServerExtension.create();

    @Test
    void a_softphone_reloaded_from_node_a_onto_node_b_mid_call_completes_the_call_once_on_the_host() {
        DemoOptions options = DemoOptions.DEFAULTS.withRedis(redis.server().uri());
        try (CallbridgeDemo a = CallbridgeDemo.start(options.withPorts(BrowserEnvironment.freePort(),
                BrowserEnvironment.freePort()));
                CallbridgeDemo b = CallbridgeDemo.start(options.withPorts(BrowserEnvironment.freePort(),
                        BrowserEnvironment.freePort()))) {
            Pages pages = new Pages(BrowserEnvironment.shared().driver);
            pages.open(a.hubspotHostUrl("hs-two-nodes") + "&frames=widget");
            pages.awaitMessage("in", "INITIALIZED");
            String originA = (String) inWidget(pages, "return location.origin");
            pages.logInAvailable(WIDGET);

            pages.js("window.__sim.dial('0-1', 105)");
            JsonNode started = pages.awaitMessage("in", "OUTGOING_CALL_STARTED");
            String callId = started.path("data").path("externalCallId").asString();
            pages.awaitMessage("out", "CREATE_ENGAGEMENT_SUCCEEDED");
            pages.awaitMessage("in", "CALL_ANSWERED");
            pages.awaitCallState(WIDGET, "CONNECTED");

            // Mid-call, the frame reloads from node B.
            String originB = b.options().softphoneOrigin();
            Object moved = pages.js("var f = window.__hostState.frames.widget; var from = new URL(f.src).origin;"
                    + " var to = arguments[0]; if (from === to) { return false; }"
                    + " window.__sim.reloadFrame('widget', to); return true;", originB);
            assertThat(moved).as("node B serves the softphone from another origin than node A").isEqualTo(true);
            pages.awaitHost("the frame initialised again", "window.__hostLog.filter(function (m) {"
                    + " return m.dir === 'in' && m.type === 'INITIALIZED'; }).length >= 2");
            assertThat(inWidget(pages, "return location.origin")).as("the softphone now comes from node B")
                    .isEqualTo(originB).isNotEqualTo(originA);
            pages.awaitCallState(WIDGET, "CONNECTED");

            pages.callControl(WIDGET, "hangup");
            JsonNode ended = pages.awaitMessage("in", "CALL_ENDED");
            assertThat(ended.path("data").path("externalCallId").asString()).isEqualTo(callId);
            pages.wrapUp(WIDGET, "connected", "Moved to node B mid-call");
            JsonNode completed = pages.awaitMessage("in", "CALL_COMPLETED");
            assertThat(completed.path("data").path("externalCallId").asString()).isEqualTo(callId);
            pages.awaitMessage("out", "UPDATE_ENGAGEMENT_SUCCEEDED");
            awaitInWidget(pages, "the softphone on node B shows no call to wrap up",
                    "document.querySelector('.cb-status').textContent === 'Connected'"
                            + " && !document.querySelector('.cb-wrapup .cb-save')");

            // A second call from node B: by its announcement, any repeat of the first call's steps would have shown.
            pages.js("window.__sim.dial('0-1', 105)");
            pages.awaitMessage("in", "OUTGOING_CALL_STARTED",
                    n -> !n.path("data").path("externalCallId").asString().equals(callId));
            for (String type : List.of("OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED")) {
                assertThat(pages.messages("in", type).stream().filter(n -> n.path("data").path("externalCallId")
                        .asString().equals(callId))).as("%s of the moved call on the host: %s", type,
                        pages.hostLog()).hasSize(1);
            }
            JsonNode engagements = pages.hostState().path("engagements");
            assertThat(engagements).hasSize(2);
            assertThat(engagements.get(0).path("announcements").asInt()).isEqualTo(1);
            assertThat(engagements.get(0).path("completions").asInt()).isEqualTo(1);
            assertThat(pages.hostState().path("errors")).isEmpty();
            pages.js("window.__sim.endCall()");
            pages.awaitMessage("in", "CALL_ENDED", n -> !n.path("data").path("externalCallId").asString()
                    .equals(callId));
        }
    }

    private static Object inWidget(Pages pages, String script) {
        return pages.inFrame(WIDGET, () -> ((JavascriptExecutor) pages.driver()).executeScript(script));
    }

    private static void awaitInWidget(Pages pages, String description, String jsCondition) {
        try {
            new WebDriverWait(pages.driver(), Pages.WAIT, Duration.ofMillis(100))
                    .until(d -> Boolean.TRUE.equals(inWidget(pages, "return !!(" + jsCondition + ")")));
        } catch (TimeoutException e) {
            throw new AssertionError("the softphone never reached: " + description + "; it shows: "
                    + pages.softphoneText(WIDGET) + "; host log: " + pages.hostLog(), e);
        }
    }
}
