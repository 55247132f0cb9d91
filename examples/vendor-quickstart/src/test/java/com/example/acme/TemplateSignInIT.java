package com.example.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

// tag::template[]
import io.callbridge.crmsim.junit.CrmSimulators;
import io.callbridge.crmsim.junit.HubSpotCall;
import io.callbridge.crmsim.junit.SalesforceCall;
import org.openqa.selenium.By;
// end::template[]
import io.callbridge.crmsim.junit.HubSpotHost;
import io.callbridge.crmsim.junit.TestKeystore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Acme's copies of the production softphone template inside both simulated CRMs, the agent signing in the way a real
 * one does: the template asks Acme's token endpoint, gets 401, shows "Sign in to Acme"; the click opens Acme's sign-in
 * ({@link AcmeSignIn}) in a pop-up, whose last page hands the token back by postMessage. No token comes from the
 * simulators.
 */
class TemplateSignInIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static AcmeServer server;
    private static String origin;

    // tag::template[]
    @RegisterExtension
    static final CrmSimulators crm = CrmSimulators.around(hosts -> hosts
                    .hubspotSoftphone(origin + "/static/acme/hubspot.html")        // Acme's copies of the template
                    .salesforceSoftphone(origin + "/static/acme/salesforce.html"))
            // no tokens(...): the agent signs in through the template's pop-up, on Acme's own sign-in page
            .signInThroughPopup((popup, agent, crmName) -> {
                popup.findElement(By.name("agent")).sendKeys(agent);
                popup.findElement(By.name("password")).sendKeys(PASSWORD);
                popup.findElement(By.cssSelector("button[type=submit]")).click();
            });
    // end::template[]

    @BeforeAll
    static void startServer() throws IOException {
        Path tls = Files.createTempDirectory("acme-tls");
        TestKeystore keystore = TestKeystore.create(tls);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        int port = freePort();
        origin = "https://127.0.0.1:" + port;
        server = AcmeServer.start(new AcmeConfig("127.0.0.1", port, origin, keystore.path(), keystore.password(),
                secret, "+1 415 555 0000", PASSWORD));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    // tag::template[]
    @Test
    void hubspot_agent_signs_in_through_the_pop_up_and_the_call_completes_the_engagement() {
        HubSpotCall call = crm.hubspot("carol").dialContact(101).awaitAnswered();

        call.hangUp()
                .wrapUp("connected", "Signed in through the pop-up")
                .expectEngagementUpdate()
                .hasStatus("COMPLETED")
                .hasDisposition("acme-outcome-connected")
                .hasNotesContaining("pop-up");
    }

    @Test
    void salesforce_agent_signs_in_through_the_pop_up_and_the_call_logs_a_task() {
        SalesforceCall call = crm.salesforce("dave").clickToDial("(415) 555-0101").awaitConnected();

        call.hangUp()
                .wrapUp("connected", "Signed in through the pop-up")
                .expectTask()
                .hasCallObject(call.callId())
                .hasWhoId(call.recordId())
                .hasDisposition("Meaningful Connect")
                .hasDescriptionContaining("pop-up");
    }
    // end::template[]

    @Test
    void a_reload_in_the_same_crm_signs_in_from_the_session_cookie_without_the_pop_up() {
        HubSpotHost host = crm.hubspot("erin");
        ChromeDriver driver = crm.driver();
        String main = driver.getWindowHandle();
        int initialized = host.messages("in", "INITIALIZED").size();

        // The pop-up's hand-back also POSTed the token to /acme/token from inside the frame, which set Acme's
        // SameSite=None; Secure; Partitioned session cookie (the host, localhost, is another site than the softphone).
        driver.executeScript("window.__sim.reloadFrame('widget')");
        new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100))
                .withMessage(() -> "the reloaded widget's INITIALIZED (it needs a token: was the session cookie sent?)"
                        + host.logText())
                .until(d -> host.messages("in", "INITIALIZED").size() > initialized);
        driver.switchTo().frame(driver.findElement(By.cssSelector("#slot-widget iframe")));
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100))
                    .withMessage("'Signed in to Acme' in the reloaded widget").until(d -> d.findElement(
                    By.cssSelector(".cb-account-status")).getText().equals("Signed in to Acme"));
            assertTrue(driver.findElements(By.cssSelector(".cb-signin")).stream().noneMatch(e -> e.isDisplayed()),
                    "no sign-in button after the reload");
        } finally {
            driver.switchTo().defaultContent();
        }
        assertEquals(Set.of(main), driver.getWindowHandles(), "no pop-up opened for the reload");

        host.dialContact(102).awaitAnswered().hangUp()
                .wrapUp("connected", "Still signed in after the reload")
                .expectEngagementUpdate()
                .hasStatus("COMPLETED")
                .hasNotesContaining("after the reload");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
