package io.callbridge.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.samples.demo.DemoOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;
import tools.jackson.databind.JsonNode;

/**
 * The Salesforce host simulator and the shipped Open CTI softphone over https/wss, as Lightning requires: the host
 * hands the softphone {@code sfdcIframeOrigin=https://localhost:<port>}, the softphone loads opencti_min.js from there
 * over https and talks to the bridge over wss; click-to-dial still ends in a Task with the CallObject.
 */
@ExtendWith(BrowserEnvironment.Secure.class)
class SalesforceOverTlsIT {
    private static final String TAB = "#softphone";
    private static final String ADA = "003SIM000000001AAA";

    @Test
    void click_to_dial_over_https_and_wss_logs_a_task_with_the_call_object() {
        BrowserEnvironment.Shared env = BrowserEnvironment.Secure.shared();
        DemoOptions options = env.demo.options();
        Pages pages = new Pages(env.driver);
        pages.openSalesforceHost(env.demo.salesforceHostUrl("sf-tls"), TAB);

        assertThat((String) pages.js("return location.origin")).isEqualTo(options.hostOrigin())
                .startsWith("https://localhost:");
        String frameSrc = (String) pages.js("return document.querySelector(arguments[0]).src", TAB);
        assertThat(frameSrc).startsWith(options.softphoneOrigin() + "/")
                .contains("sfdcIframeOrigin=" + URLEncoder.encode(options.hostOrigin(), StandardCharsets.UTF_8));
        // The softphone page is https, so its bridge can only be wss: a ws:// socket would be blocked as mixed content,
        // and the agent could not have logged in above.
        String opencti = pages.inFrame(TAB, () -> (String) ((JavascriptExecutor) pages.driver()).executeScript(
                "var s = document.querySelector('script[src*=\"opencti_min.js\"]');"
                        + " return location.protocol + ' ' + (s ? s.src : 'none');"));
        assertThat(opencti).isEqualTo("https: " + options.hostOrigin() + "/support/api/62.0/lightning/opencti_min.js");

        pages.js("window.__sim.clickToDial(arguments[0])", ADA);
        pages.awaitMessage("out", "onClickToDial");
        pages.awaitCallState(TAB, "CONNECTED");
        String callId = pages.inFrame(TAB, () -> pages.awaitElement(".cb-call").getAttribute("data-call-id"));
        pages.callControl(TAB, "hangup");
        pages.wrapUp(TAB, "connected", "Over TLS");

        JsonNode task = pages.awaitMessage("in", "saveLog").path("data").path("object");
        assertThat(task.path("entityApiName").asString()).isEqualTo("Task");
        assertThat(task.path("CallObject").asString()).isEqualTo(callId).isNotBlank();
        assertThat(task.path("WhoId").asString()).isEqualTo(ADA);
        assertThat(task.path("CallDisposition").asString()).isEqualTo("Meaningful Connect");
        JsonNode tasks = pages.hostState().path("tasks");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("fields").path("CallObject").asString()).isEqualTo(callId);
        pages.screenshot("salesforce-host-tls", false);
    }
}
