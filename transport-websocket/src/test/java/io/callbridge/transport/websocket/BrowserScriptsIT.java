package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The shipped bridge-client.js and softphone.js in a real browser (Debian's Chromium, headless) against the real
 * server: the browser's own WebSocket, Origin header and DOM, which the Node tests fake.
 */
class BrowserScriptsIT {
    private static final String CHROMIUM = System.getProperty("callbridge.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("callbridge.chromedriver", "/usr/bin/chromedriver");
    private static final AgentId AGENT = AgentId.of("acme", "browser");

    private static final TokenKey K2 = TokenKey.of("k2", "k2-secret-k2-secret-k2-secret-k2".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));
    private static final TokenKey K3 = TokenKey.of("k3", "k3-secret-k3-secret-k3-secret-k3".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));
    /** The key {@link TestCallbridge} configures by default. */
    private static final TokenKey DEFAULT_KEY = TokenKey.of(AgentTokens.DEFAULT_KEY_ID, TestCallbridge.SECRET);

    private static int port;
    private static TestCallbridge app;
    private static ChromeDriver driver;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver (" + CHROMIUM
                    + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver");
        }
        // The page's origin must be allowed, so the port is chosen before the server starts.
        port = freePort();
        app = new TestCallbridge(settings());
        Path profile = Files.createTempDirectory("callbridge-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=400,700");
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build(), options);
        wait = new WebDriverWait(driver, BridgeClient.WAIT);
    }

    @AfterAll
    static void stop() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    void theSoftphoneLogsInDialsHoldsHangsUpAndWrapsUpThroughTheRealServer() throws Exception {
        openPage(app.httpUri("/static/test/e2e.html").toString() + "#" + app.token(AGENT));
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".cb-status"), "Connected"));

        click(".cb-login");
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".cb-login"), "Log out of phone"));
        assertThat(driver.findElement(By.cssSelector(".cb-presence-label")).getText()).isNotBlank();

        driver.findElement(By.cssSelector(".cb-number")).sendKeys("(415) 555-1212");
        click(".cb-dial");
        WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".cb-call[data-state='RINGING']")));
        assertThat(card.findElement(By.cssSelector(".cb-party")).getText()).contains("555-1212");
        assertThat(driver.findElement(By.cssSelector(".cb-dial")).isEnabled()).as("no second call").isFalse();

        app.phone.farEndAnswers(CallId.of(card.getAttribute("data-call-id")));
        awaitCallState("CONNECTED");
        click(".cb-call .cb-hold");
        awaitCallState("HELD");
        click(".cb-call .cb-resume");
        awaitCallState("CONNECTED");
        click(".cb-call .cb-mute");
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".cb-call .cb-mute"), "Unmute"));
        click(".cb-call .cb-hangup");
        awaitCallState("ENDED");

        new Select(driver.findElement(By.cssSelector(".cb-disposition"))).selectByValue("connected");
        driver.findElement(By.cssSelector(".cb-notes")).sendKeys("asked for a quote");
        click(".cb-save");
        awaitCallState("WRAPPED_UP");
        assertThat(app.phone.requests).anyMatch(r -> r.startsWith("hold "))
                .anyMatch(r -> r.startsWith("resume ")).anyMatch(r -> r.startsWith("hangUp "));
        // The outcome went to core: the next snapshot carries it.
        Object outcome = driver.executeScript("const calls = window.callbridgeTest.bridge.lastState().calls;"
                + " return JSON.stringify(calls[calls.length - 1].outcome);");
        assertThat(BridgeClient.parse(String.valueOf(outcome)).path("disposition").asString()).isEqualTo("connected");
        assertThat(BridgeClient.parse(String.valueOf(outcome)).path("notes").asString()).isEqualTo("asked for a quote");

        // A rejected ack shows its error.
        driver.findElement(By.cssSelector(".cb-number")).sendKeys("not a number");
        click(".cb-dial");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cb-action-error")));
        assertThat(error.getText()).isNotBlank();
        assertThat(error.getAttribute("role")).isEqualTo("alert");
    }

    @Test
    void aCrmEventTheServerCouldNeverTakeBecauseItsStoreIsDownIsShownToTheAgent() {
        openPage(app.httpUri("/static/test/e2e.html").toString() + "#" + app.token(AGENT));
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".cb-status"), "Connected"));
        // The fake adapter meets an unavailable store on this event every time; the page retries twice (50 ms each,
        // as e2e.js sets), then gives up and the softphone says so, not only the console.
        driver.executeScript("window.callbridgeTest.bridge.crmEvent('store-down', {});");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cb-action-error")));
        assertThat(error.getText()).contains("store-down").contains("did not reach the phone server");
        assertThat(app.crm.log).noneMatch(line -> line.contains("store-down"));
    }

    @Test
    void invocationsReachOnInvokeAndTheirResultsComeBack() throws Exception {
        AgentId agent = AgentId.of("acme", "invoked");
        openPage(app.httpUri("/static/test/e2e.html").toString() + "#" + app.token(agent));
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".cb-status"), "Connected"));
        Eventually.until(() -> app.crm.channels.containsKey(agent));

        InvocationResult ok = app.crm.channels.get(agent).invoke(new Invocation("e2e-ok", "echo", "{\"x\":1}",
                new Invocation.Target.AnyFrame(null), Duration.ofSeconds(10))).toCompletableFuture()
                .get(BridgeClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ok).isInstanceOfSatisfying(InvocationResult.Success.class,
                s -> assertThat(BridgeClient.parse(s.valueJson()).at("/args/x").asInt()).isEqualTo(1));

        InvocationResult refused = app.crm.channels.get(agent).invoke(new Invocation("e2e-fail", "fail", "{}",
                new Invocation.Target.AnyFrame(null), Duration.ofSeconds(10))).toCompletableFuture()
                .get(BridgeClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(refused).isInstanceOfSatisfying(InvocationResult.Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(InvocationResult.Kind.CRM_ERROR);
            assertThat(f.message()).isEqualTo("the CRM said no");
            assertThat(f.detailsJson()).contains("nope");
        });
    }

    @Test
    void aPageReloadedAfterRunningAnInvocationAndBeforeTheServerGotTheAnswerDoesNotRunItAgain() throws Exception {
        AgentId agent = AgentId.of("acme", "reloading");
        openPage(app.httpUri("/static/test/e2e.html").toString() + "#" + app.token(agent));
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".cb-status"), "Connected"));
        Eventually.until(() -> app.crm.channels.containsKey(agent));
        driver.executeScript("sessionStorage.setItem('cb-test-drop-result', 'once-1');"
                + " localStorage.removeItem('cb-test-runs-once-1');");

        // The page runs it, remembers the outcome, and reloads instead of answering; the server sends the same id
        // again to the reloaded page (its only frame), which answers from sessionStorage.
        InvocationResult outcome = app.crm.channels.get(agent).invoke(new Invocation("once-1", "saveLog",
                "{\"subject\":\"Call\"}", new Invocation.Target.AnyFrame(null), Duration.ofSeconds(20)))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(InvocationResult.Success.class,
                s -> assertThat(BridgeClient.parse(s.valueJson()).path("method").asString()).isEqualTo("saveLog"));
        assertThat(driver.executeScript("return localStorage.getItem('cb-test-runs-once-1');"))
                .as("runs of the side effect, over both page loads").isEqualTo("1");
        assertThat(String.valueOf(driver.executeScript("return JSON.stringify(window.callbridgeTest.invocations);")))
                .as("the reloaded page did not run it").isEqualTo("[]");
    }

    /** On the fixed port, so that a restarted server has the pages' origin; demo tokens on for caching providers. */
    private static TransportSettings settings() {
        return TransportSettings.localEphemeral().withPort(port).withAllowedOrigins(Set.of("http://127.0.0.1:" + port))
                .withDemoMode(true);
    }

    /** Stops the server (its sessions close with 1001) and starts it again on the same port with these keys. */
    private static void restartWith(TokenKey current, TokenKey previous) {
        app.close();
        app = new TestCallbridge(settings().withTokenKeys(current, previous));
    }

    private static long pageStatuses(String status) {
        return ((Number) driver.executeScript("var wanted = arguments[0];"
                + " return window.callbridgeTest.statuses.filter(function (s) { return s === wanted; }).length;",
                status)).longValue();
    }

    private static void awaitPageStatuses(String status, long count) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> pageStatuses(status) >= count);
    }

    @Test
    void aPageWithAFixedTokenReconnectsAfterRestartsWithTheSameKeyAndDuringARotation() {
        AgentId agent = AgentId.of("acme", "fixed-token");
        openPage(app.httpUri("/static/test/e2e.html").toString() + "?fixed=1#" + app.token(agent));
        awaitPageStatuses("open", 1);
        try {
            restartWith(DEFAULT_KEY, null);
            awaitPageStatuses("open", 2);
            // Rotation: the page's token names the key that is now the previous one.
            restartWith(K2, DEFAULT_KEY);
            awaitPageStatuses("open", 3);
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".cb-status"), "Connected"));
            // Once that key is dropped the fixed token can never work again: the page says so instead of retrying.
            restartWith(K3, K2);
            awaitPageStatuses("refused token key unknown", 1);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".cb-status"),
                    "token key unknown"));
        } finally {
            restartWith(DEFAULT_KEY, null);
        }
    }

    @Test
    void aPageWithATokenProviderGetsANewTokenWhenTheServerSaysItsTokenIsNoLongerValid() {
        openPage(app.httpUri("/static/test/e2e.html").toString() + "?caching=1&agent=renewing");
        awaitPageStatuses("open", 1);
        try {
            // The provider hands out its cached token, signed with a key the restarted server no longer has.
            restartWith(K2, null);
            awaitPageStatuses("open", 2);
            assertThat(pageStatuses("reconnecting token key unknown")).isEqualTo(1);
            assertThat(((Number) driver.executeScript("return window.callbridgeTest.fetches;")).intValue())
                    .as("one token at first, one renewal").isEqualTo(2);
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".cb-status"), "Connected"));
        } finally {
            restartWith(DEFAULT_KEY, null);
        }
    }

    /**
     * Loads the page afresh: going from {@code e2e.html#a} to {@code e2e.html#b} would only change the fragment of the
     * page already open, whose bridge is another agent's.
     */
    private static void openPage(String url) {
        driver.get("about:blank");
        driver.get(url);
    }

    private static void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    private static void awaitCallState(String state) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".cb-call[data-state='" + state + "']")));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
