package io.callbridge.crmsim.junit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.HttpRequest;
import io.callbridge.transport.websocket.HttpResponse;
import io.callbridge.transport.websocket.HttpRoute;
import io.callbridge.transport.websocket.PageConfig;
import io.callbridge.transport.websocket.TokenKey;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * {@link CrmSimulators#signInThroughPopup}: the transport's own template pages in the simulated CRM, a sign-in
 * page on the server (a form naming the agent, then a hand-back page), and the extension driving the pop-up; a
 * pop-up that never hands back fails saying what it shows.
 */
class SignInThroughPopupIT {
    private static CallbridgeLauncher.Running server;
    private static String origin;

    @RegisterExtension
    static final CrmSimulators crm = CrmSimulators.around(hosts -> hosts
                    .hubspotSoftphone(origin + "/static/template/hubspot.html")
                    .salesforceSoftphone(origin + "/static/template/salesforce.html"))
            .signInThroughPopup((popup, agent, crmName) -> {
                if (agent.startsWith("stuck")) {
                    return; // the agent never submits: no hand-back
                }
                popup.findElement(By.name("agent")).sendKeys(agent);
                popup.findElement(By.id("go")).click();
            });

    /** The stand-in sign-in: a form, then the last page with the token in its fragment. */
    private static HttpResponse signIn(HttpRequest request) {
        String q = "callbridgeOrigin=" + enc(request.queryParameter("callbridgeOrigin")) + "&callbridgeNonce="
                + enc(request.queryParameter("callbridgeNonce"));
        if (request.pathInRoute().isEmpty()) {
            return HttpResponse.of(200, "text/html", "<!DOCTYPE html><html><body><p id=\"form\">Sign in</p>"
                    + "<form action=\"/kit/signin/issue\"><input name=\"agent\">"
                    + "<input type=\"hidden\" name=\"callbridgeOrigin\" value=\"" + request.queryParameter(
                            "callbridgeOrigin") + "\"><input type=\"hidden\" name=\"callbridgeNonce\" value=\""
                    + request.queryParameter("callbridgeNonce") + "\"><input type=\"hidden\" name=\"crm\" value=\""
                    + request.queryParameter("crm") + "\"><button id=\"go\">Go</button></form></body></html>");
        }
        if (request.pathInRoute().equals("/issue")) {
            String token = server.instance(AgentTokens.class).issue(AgentId.of("acme", request.queryParameter(
                    "agent")), request.queryParameter("crm"), Duration.ofMinutes(5));
            return HttpResponse.empty(303).withHeader("Location", "/kit/signin/done?" + q + "#token=" + enc(token));
        }
        return HttpResponse.of(200, "text/html", "<!DOCTYPE html><html><body data-allowed-origins=\"" + origin
                + "\"><p id=\"callbridge-handback\"></p><script src=\"/static/callbridge/signin.js\" "
                + "data-callbridge-handback></script></body></html>");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, UTF_8);
    }

    @BeforeAll
    static void start() throws IOException {
        TestKeystore keystore = TestKeystore.create(Files.createTempDirectory("crmsim-signin-it"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        origin = "https://127.0.0.1:" + port;
        TransportSettings transport = TransportSettings.DEFAULTS.withHost("127.0.0.1").withPort(port)
                .withTls(new TransportSettings.Tls(keystore.path(), keystore.password()))
                .withAllowedOrigins(Set.of(origin))
                .withTokenKeys(TokenKey.random("it"), null)
                .withPageConfig(PageConfig.NONE.withSignInUrl("/kit/signin"));
        server = CallbridgeLauncher.start(new AbstractModule() {
            @Override
            protected void configure() {
                bind(FakePhoneSystem.class).in(Singleton.class);
                OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding()
                        .to(FakePhoneSystem.class);
                OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding().toInstance(transport);
                Multibinder.newSetBinder(binder(), HttpRoute.class).addBinding()
                        .toInstance(HttpRoute.of("/kit/signin", SignInThroughPopupIT::signIn));
            }
        }, new CoreModule(), new HubSpotAdapterModule(), new SalesforceAdapterModule(), new WebSocketTransportModule());
        server.instance(FakePhoneSystem.class)
                .callerId(new PhoneNumberParser("US").parse("+1 415 555 0000"))
                .script("+14155550100", FakePhoneSystem.Script.ANSWER);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_agent_signs_in_through_the_templates_pop_up_and_calls() {
        HubSpotCall call = crm.hubspot("kit-popup").dialContact(101).awaitAnswered();
        assertThat(call.started()).containsEntry("toNumber", "+14155550100");
        assertThat(crm.driver().getWindowHandles()).hasSize(1);
    }

    @Test
    void a_pop_up_that_never_hands_back_fails_saying_what_it_shows() {
        crm.timeout(Duration.ofSeconds(5));
        try {
            assertThatThrownBy(() -> crm.salesforce("stuck-agent"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the sign-in pop-up did not hand back and close within 5 s")
                    .hasMessageContaining("it shows: Sign in");
        } finally {
            crm.timeout(Duration.ofSeconds(30));
            // The stuck pop-up stays open: close it, back on the host page.
            String main = null;
            for (String handle : crm.driver().getWindowHandles()) {
                crm.driver().switchTo().window(handle);
                if (crm.driver().getCurrentUrl().contains("/kit/signin")) {
                    crm.driver().close();
                } else {
                    main = handle;
                }
            }
            if (main != null) {
                crm.driver().switchTo().window(main);
            }
        }
    }
}
