package io.callbridge.crmsim.junit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.TokenKey;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The extension itself, against a real callbridge server (https/wss, real agent tokens from a token key, an Origin
 * allowlist) with the testkit's scriptable phone system: its expectations pass on what the host received and fail,
 * with the host's log, when the host received something else or nothing.
 */
class CrmSimulatorsIT {
    private static CallbridgeLauncher.Running server;
    private static String origin;

    @RegisterExtension
    static final CrmSimulators crm = CrmSimulators.around(hosts -> hosts
            .softphoneOrigin(origin)
            .tokens((agent, crmName) -> server.instance(AgentTokens.class).issue(AgentId.of("acme", agent), crmName,
                    Duration.ofMinutes(5))));

    @BeforeAll
    static void start() throws IOException {
        TestKeystore keystore = TestKeystore.create(Files.createTempDirectory("crmsim-it"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        origin = "https://127.0.0.1:" + port;
        TransportSettings transport = TransportSettings.DEFAULTS.withHost("127.0.0.1").withPort(port)
                .withTls(new TransportSettings.Tls(keystore.path(), keystore.password()))
                .withAllowedOrigins(Set.of(origin))
                .withTokenKeys(TokenKey.random("it"), null);
        server = CallbridgeLauncher.start(new AbstractModule() {
            @Override
            protected void configure() {
                bind(FakePhoneSystem.class).in(Singleton.class);
                OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding()
                        .to(FakePhoneSystem.class);
                OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding().toInstance(transport);
                OptionalBinder.newOptionalBinder(binder(), HubSpotSettings.class).setBinding().toInstance(
                        HubSpotSettings.DEFAULTS.withDispositions(Map.of("connected", "outcome-connected")));
            }
        }, new CoreModule(), new HubSpotAdapterModule(), new SalesforceAdapterModule(), new WebSocketTransportModule());
        server.instance(FakePhoneSystem.class)
                .callerId(new PhoneNumberParser("US").parse("+1 415 555 0000"))
                .script("+14155550100", FakePhoneSystem.Script.ANSWER)
                .script("+14155550101", FakePhoneSystem.Script.BUSY);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_hubspot_call_passes_and_a_wrong_expectation_fails_with_the_hosts_log() {
        HubSpotCall call = crm.hubspot("kit-hs").dialContact(101).awaitAnswered();
        assertThat(call.started()).containsEntry("toNumber", "+14155550100");
        EngagementUpdate update = call.hangUp().wrapUp("connected", "Kit check").expectEngagementUpdate()
                .hasStatus("COMPLETED").hasDisposition("outcome-connected").hasNotesContaining("Kit check");

        assertThatThrownBy(() -> update.hasStatus("BUSY")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("hs_call_status is COMPLETED, expected BUSY")
                .hasMessageContaining("the host's message log:")
                .hasMessageContaining("widget -> host CALL_COMPLETED");
        assertThatThrownBy(() -> update.hasNotesContaining("never said")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("hs_call_body 'Kit check'");
    }

    @Test
    void waiting_for_what_never_comes_fails_after_the_timeout_with_the_log() {
        HubSpotCall busy = crm.hubspot("kit-busy").dial("+1 (415) 555-0101");
        busy.awaitEnded("BUSY");
        crm.timeout(Duration.ofSeconds(3));
        try {
            assertThatThrownBy(busy::awaitAnswered).isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("waited 3 s for CALL_ANSWERED for " + busy.externalCallId())
                    .hasMessageContaining("widget -> host CALL_ENDED");
        } finally {
            crm.timeout(Duration.ofSeconds(30));
        }
        assertThatThrownBy(() -> busy.awaitEnded("COMPLETED")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the call ended BUSY, not COMPLETED");
    }

    /**
     * What the host pages embed: the configured page with agent=… and a token from the token source in the fragment,
     * or with ?page= another page of the same origin; anything but a path there is refused on the page. Without a
     * ring hook there is no "Ring me".
     */
    @Test
    void the_host_pages_embed_the_configured_softphone_with_a_token_and_page_picks_another_path() {
        JavascriptExecutor js = crm.driver();
        crm.driver().get(crm.hubspotUrl("kit-page") + "&page=" + URLEncoder.encode(
                "/static/hubspot/softphone.html?debug=1", UTF_8));
        String src = awaitFrameSrc("#slot-widget iframe");
        assertThat(src).startsWith(origin + "/static/hubspot/softphone.html?debug=1&agent=kit-page#token=");
        String token = URLDecoder.decode(src.substring(src.indexOf("#token=") + 7),
                UTF_8);
        assertThat(server.instance(AgentTokens.class).verify(token).agent()).isEqualTo(AgentId.of("acme",
                "kit-page"));
        assertThat(js.executeScript("return document.getElementById('ring').closest('section').hidden"))
                .isEqualTo(true);

        crm.driver().get(crm.hubspotUrl("kit-evil") + "&page=//evil.example/x");
        assertThat(awaitLogged("NO_SOFTPHONE")).contains("?page= must be a path on " + origin);

        crm.driver().get(crm.salesforceUrl("kit-sf-evil") + "&page=https://evil.example/x");
        assertThat(awaitLogged("NO_SOFTPHONE")).contains("?page= must be a path on " + origin);

        crm.driver().get(crm.salesforceUrl("kit-sf-page") + "&page=/static/salesforce/softphone.html");
        assertThat(awaitFrameSrc("#softphone")).startsWith(origin + "/static/salesforce/softphone.html?agent=kit-sf-page"
                + "&sfdcIframeOrigin=").contains("#token=");
    }

    private String awaitFrameSrc(String selector) {
        JavascriptExecutor js = crm.driver();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Object src = js.executeScript("var f = document.querySelector(arguments[0]); return f ? f.src : null;",
                    selector);
            if (src != null && !String.valueOf(src).isEmpty()) {
                return String.valueOf(src);
            }
            pause();
        }
        throw new AssertionError("no " + selector + " with a src");
    }

    private String awaitLogged(String type) {
        JavascriptExecutor js = crm.driver();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Object found = js.executeScript("var type = arguments[0]; var m = (window.__hostLog || []).filter("
                    + "function (e) { return e.type === type; })[0]; return m ? JSON.stringify(m.data) : null;", type);
            if (found != null) {
                return String.valueOf(found);
            }
            pause();
        }
        throw new AssertionError("the host never logged " + type);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void a_salesforce_click_to_dial_logs_one_task_with_the_call_object() {
        SalesforceHost host = crm.salesforce("kit-sf");
        assertThatThrownBy(() -> host.clickToDial("+1 212 555 0000")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no record with the number +1 212 555 0000");

        SalesforceCall call = host.clickToDial("+1 415 555 0100").awaitConnected();
        SalesforceTask task = call.hangUp().wrapUp("connected", "Kit check").expectTask()
                .hasCallObject(call.callId()).hasCallType("Outbound").hasWhoId("003SIM000000001AAA")
                .hasDescriptionContaining("Kit check");

        assertThat(task.id()).startsWith("00T");
        assertThat(host.messages("in", "saveLog")).hasSize(1);
        assertThatThrownBy(() -> task.hasCallType("Inbound")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the Task's CallType is Outbound, expected Inbound")
                .hasMessageContaining("tab -> host saveLog");
    }
}
