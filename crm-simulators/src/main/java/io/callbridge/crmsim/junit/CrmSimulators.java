package io.callbridge.crmsim.junit;

import io.callbridge.crmsim.HostSimulatorServer;
import io.callbridge.crmsim.internal.Browser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The CRM host simulators around your callbridge server, in headless Chromium, for JUnit 5 tests. Register it on a
 * static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final CrmSimulators crm = CrmSimulators.around(hosts -> hosts
 *         .softphoneOrigin(server.origin())                      // your server's https origin
 *         .tokens((agent, crmName) -> tokens.issue(AgentId.of("acme", agent), crmName, Duration.ofMinutes(10))));
 *
 * @Test
 * void a_hubspot_call_is_logged() {
 *     crm.hubspot("alice").dialContact(101).awaitAnswered().hangUp()
 *             .wrapUp("connected", "Talked about pricing")
 *             .expectEngagementUpdate().hasStatus("COMPLETED").hasNotesContaining("pricing");
 * }
 * }</pre>
 *
 * <p>Nothing starts until a test first uses it, so the configuration may read a server that the test class starts in
 * its own {@code @BeforeAll}. Then it starts the {@link HostSimulatorServer} over https (a {@link TestKeystore} made for
 * the run, unless the configuration sets its own) and Debian's Chromium through chromedriver (paths from
 * {@code -Dcallbridge.chromium} and {@code -Dcallbridge.chromedriver}, default {@code /usr/bin/…}), which accepts
 * self-signed certificates and resolves {@link #SALESFORCE_HOST_NAME} to 127.0.0.1: Open CTI, Salesforce's and the
 * simulator's alike, starts only under a Salesforce name, never on a loopback host. Both hosts are https, as the real
 * CRMs are, so your softphone must be served over https in the test too. Everything stops after the class.
 *
 * <p>The softphone is driven through the shipped softphone UI ({@code cb-…} elements: log in, presence, call controls,
 * wrap-up form), the one {@code /static/<crm>/softphone.html} draws and a page of your own gets from
 * {@code CallbridgeSoftphone}. Use a new agent in each test, so one test's calls never show up in another.
 */
public final class CrmSimulators implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    /** The Salesforce-shaped name the Salesforce host simulator is opened under; the browser maps it to loopback. */
    public static final String SALESFORCE_HOST_NAME = "callbridge-sim.lightning.force.com";

    private final Consumer<HostSimulatorServer.Builder> configuration;
    private Duration timeout = Duration.ofSeconds(30);
    private boolean registeredStatically;
    private @Nullable HostSimulatorServer server;
    private @Nullable Browser browser;
    private @Nullable Path keystoreDir;
    private @Nullable SignInPopup signIn;

    private CrmSimulators(Consumer<HostSimulatorServer.Builder> configuration) {
        this.configuration = configuration;
    }

    /**
     * The simulators around the server {@code configuration} names: at least its softphone
     * ({@link HostSimulatorServer.Builder#softphoneOrigin} or one URL per CRM) and, outside demo mode, its
     * {@link HostSimulatorServer.Builder#tokens token source}. It runs when a test first uses the simulators.
     */
    public static CrmSimulators around(Consumer<HostSimulatorServer.Builder> configuration) {
        return new CrmSimulators(Objects.requireNonNull(configuration, "configuration"));
    }

    /**
     * How long each expectation polls before it fails; default 30 s (CI machines are slow). May be changed between
     * steps of a test, e.g. to expect that something does not happen within a few seconds.
     */
    public synchronized CrmSimulators timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        if (browser != null) {
            browser.timeout(timeout);
        }
        return this;
    }

    /**
     * The agent signs in through the production softphone template's own flow instead of a token the host hands
     * over: after opening a CRM, the extension clicks the template's "Sign in to …" ({@code .cb-signin}) in the
     * softphone frame and lets {@code popup} complete your sign-in page in the pop-up, then waits for the hand-back.
     * Use it with {@code hubspotSoftphone(url)} / {@code salesforceSoftphone(url)} naming your copies of the template
     * pages, and without {@code tokens(...)}.
     */
    public synchronized CrmSimulators signInThroughPopup(SignInPopup popup) {
        this.signIn = Objects.requireNonNull(popup, "popup");
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        registeredStatically = true;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!registeredStatically) {
            throw new ExtensionConfigurationException("register CrmSimulators on a static @RegisterExtension field: "
                    + "its server and browser live for the test class");
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            browser = null;
            if (server != null) {
                server.stop();
            }
            server = null;
        }
    }

    /**
     * Opens the HubSpot host simulator for {@code agent} with the calling widget, waits for the SDK handshake, signs
     * the agent in through the template's pop-up if {@link #signInThroughPopup} is set, and logs the agent in and
     * makes them available in the softphone.
     */
    public HubSpotHost hubspot(String agent) {
        Browser b = started();
        forgetSignIns(b);
        b.open(hubspotUrl(agent));
        // Before INITIALIZED: the widget says it is initialized once its bridge is up, which needs the token.
        signIn(b, HubSpotHost.WIDGET, agent, "hubspot");
        b.awaitMessage("the calling widget's INITIALIZED", "in", "INITIALIZED", m -> true);
        b.logInAvailable(HubSpotHost.WIDGET);
        b.awaitMessage("the agent available (USER_AVAILABLE)", "in", "USER_AVAILABLE", m -> true);
        return new HubSpotHost(b);
    }

    /**
     * Opens the Salesforce host simulator for {@code agent} under {@link #SALESFORCE_HOST_NAME}, waits until Open CTI
     * started, logs the agent in and makes them available, and waits until click-to-dial and the work listeners are on.
     */
    public SalesforceHost salesforce(String agent) {
        Browser b = started();
        forgetSignIns(b);
        b.open(salesforceUrl(agent));
        signIn(b, SalesforceHost.TAB, agent, "salesforce");
        b.awaitMessage("the softphone's notifyInitializationComplete", "in", "notifyInitializationComplete",
                m -> true);
        b.logInAvailable(SalesforceHost.TAB);
        b.awaitMessage("enableClickToDial from the softphone", "in", "enableClickToDial", m -> true);
        b.await("the onClickToDial and onWorkStart listeners", () -> Boolean.TRUE.equals(b.js(
                "return !!(window.__hostState.listeners.onClickToDial && window.__hostState.listeners.onWorkStart)"))
                ? Boolean.TRUE : null);
        return new SalesforceHost(b);
    }

    /** With the pop-up sign-in, every CRM opens signed out: no session cookie of an earlier test's agent is sent. */
    private void forgetSignIns(Browser b) {
        if (signInPopup() != null) {
            b.clearCookies();
        }
    }

    private synchronized @Nullable SignInPopup signInPopup() {
        return signIn;
    }

    private void signIn(Browser b, String frame, String agent, String crmName) {
        SignInPopup popup = signInPopup();
        if (popup != null) {
            b.signInThroughPopup(frame, driver -> popup.signIn(driver, agent, crmName));
        }
    }

    /** The HubSpot host page for {@code agent}. */
    public String hubspotUrl(String agent) {
        return "https://localhost:" + server().port() + "/hubspot/?agent=" + agent;
    }

    /** The Salesforce host page for {@code agent}, under {@link #SALESFORCE_HOST_NAME}. */
    public String salesforceUrl(String agent) {
        return "https://" + SALESFORCE_HOST_NAME + ":" + server().port() + "/salesforce/?agent=" + agent;
    }

    /** The running host simulators (started on first use). */
    public synchronized HostSimulatorServer server() {
        start();
        return Objects.requireNonNull(server);
    }

    /** The browser, for anything the fluent API does not cover. */
    public ChromeDriver driver() {
        return started().driver();
    }

    private synchronized Browser started() {
        start();
        return Objects.requireNonNull(browser);
    }

    private void start() {
        if (server != null && browser != null) {
            return;
        }
        if (server == null) {
            TestKeystore keystore = TestKeystore.create(keystoreDir());
            HostSimulatorServer.Builder builder = HostSimulatorServer.builder()
                    .tls(keystore.path(), keystore.password());
            configuration.accept(builder);
            HostSimulatorServer built = builder.build();
            built.start();
            server = built;
        }
        try {
            browser = Browser.start(timeout, SALESFORCE_HOST_NAME, true);
        } catch (RuntimeException e) {
            Objects.requireNonNull(server).stop();
            server = null;
            throw e;
        }
    }

    private Path keystoreDir() {
        if (keystoreDir == null) {
            try {
                keystoreDir = Files.createTempDirectory("callbridge-crmsim-tls");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keystoreDir;
    }
}
