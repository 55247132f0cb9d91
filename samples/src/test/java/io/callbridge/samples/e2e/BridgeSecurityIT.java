package io.callbridge.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.model.AgentId;
import io.callbridge.transport.websocket.AgentTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;

/** A browser page may only reach the bridge from an allowed origin and with a valid agent token. */
@ExtendWith(BrowserEnvironment.class)
class BridgeSecurityIT {
    /** Opens a WebSocket to the bridge and says hello; reports whether it opened and how it closed. */
    private static final String HELLO = "var url = arguments[0], token = arguments[1], done = arguments[arguments.length - 1];"
            + "var result = {opened: false};"
            + "var ws = new WebSocket(url);"
            + "ws.onopen = function () { result.opened = true;"
            + "  ws.send(JSON.stringify({type: 'hello', v: 1, token: token, crm: 'hubspot', role: 'widget'})); };"
            + "ws.onmessage = function (e) { result.firstFrame = JSON.parse(e.data).type; };"
            + "ws.onclose = function (e) { result.code = e.code; result.reason = e.reason; done(result); };"
            + "setTimeout(function () { result.timedOut = true; done(result); }, 10000);";

    private Pages pages;
    private BrowserEnvironment.Shared env;

    @BeforeEach
    void setUp() {
        env = BrowserEnvironment.shared();
        pages = new Pages(env.driver);
    }

    private String bridgeUrl() {
        return env.demo.options().softphoneOrigin().replace("http:", "ws:") + "/bridge/v1";
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> hello(String token) {
        return (Map<String, Object>) ((JavascriptExecutor) env.driver).executeAsyncScript(HELLO, bridgeUrl(), token);
    }

    @Test
    void a_page_of_another_origin_cannot_open_the_bridge() {
        // The CRM host page itself (a different origin from the softphone) tries to talk to the bridge directly.
        pages.open(env.demo.options().hostOrigin() + "/");
        String valid = env.demo.instance(AgentTokens.class).issue(AgentId.of("acme", "intruder"), "hubspot",
                Duration.ofMinutes(5));

        Map<String, Object> result = hello(valid);

        assertThat(result.get("opened")).isEqualTo(false);
        assertThat(result).doesNotContainKey("firstFrame");
    }

    @Test
    void a_bad_or_forged_token_is_refused() {
        pages.open(env.demo.options().softphoneOrigin() + "/static/salesforce/softphone.html");
        String forged = AgentTokens.withRandomSecret(Clock.systemUTC()).issue(AgentId.of("acme", "mallory"),
                "hubspot", Duration.ofMinutes(5));

        Map<String, Object> garbage = hello("not-a-token");
        Map<String, Object> signedElsewhere = hello(forged);

        assertThat(garbage.get("opened")).isEqualTo(true);
        assertThat(garbage).doesNotContainKey("firstFrame");
        assertThat(((Number) garbage.get("code")).intValue()).isEqualTo(1008);
        assertThat(garbage.get("reason")).isEqualTo("token malformed");
        assertThat(((Number) signedElsewhere.get("code")).intValue()).isEqualTo(1008);
        assertThat(signedElsewhere.get("reason")).isEqualTo("token signature invalid");
        assertThat(signedElsewhere).doesNotContainKey("firstFrame");
    }

    @Test
    void the_softphone_page_reports_a_refused_token() {
        pages.open(env.demo.options().softphoneOrigin() + "/static/salesforce/softphone.html");
        Object status = ((JavascriptExecutor) env.driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "var b = CallbridgeBridge.connect({url: arguments[0], token: 'bad.token', crm: 'salesforce',"
                        + " role: 'tab', log: function () {}, onStatus: function (s) { if (s === 'refused') { b.close(); done(s); } }});"
                        + "setTimeout(function () { done('no refusal'); }, 10000);", bridgeUrl());
        assertThat(status).isEqualTo("refused");
    }
}
