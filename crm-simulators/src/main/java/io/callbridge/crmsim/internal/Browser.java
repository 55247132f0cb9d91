package io.callbridge.crmsim.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's, by path: nothing is downloaded) on a host simulator page, with polling waits whose
 * failures show the host's own message log ({@code window.__hostLog}).
 */
public final class Browser implements AutoCloseable {
    /** Chromium, overridable with {@code -Dcallbridge.chromium}. */
    public static final String CHROMIUM_PROPERTY = "callbridge.chromium";
    /** chromedriver, overridable with {@code -Dcallbridge.chromedriver}. */
    public static final String CHROMEDRIVER_PROPERTY = "callbridge.chromedriver";

    private final ChromeDriver driver;
    private volatile Duration timeout;

    private Browser(ChromeDriver driver, Duration timeout) {
        this.driver = driver;
        this.timeout = timeout;
    }

    /**
     * Starts headless Chromium; with {@code mapToLoopback} the browser resolves that name to 127.0.0.1 (the Salesforce
     * host simulator's Salesforce-shaped name). With {@code acceptAnyCertificate} it takes self-signed test
     * certificates (this browser only).
     */
    public static Browser start(Duration timeout, @Nullable String mapToLoopback, boolean acceptAnyCertificate) {
        String chromium = System.getProperty(CHROMIUM_PROPERTY, "/usr/bin/chromium");
        String chromedriver = System.getProperty(CHROMEDRIVER_PROPERTY, "/usr/bin/chromedriver");
        if (!new File(chromium).canExecute() || !new File(chromedriver).canExecute()) {
            throw new IllegalStateException("the CRM simulators' browser tests need Chromium and chromedriver (Debian: "
                    + "apt-get install chromium chromium-driver); not found at " + chromium + " and " + chromedriver
                    + " (set -D" + CHROMIUM_PROPERTY + " and -D" + CHROMEDRIVER_PROPERTY + ")");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("callbridge-crmsim-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1500,1100");
        if (acceptAnyCertificate) {
            options.addArguments("--ignore-certificate-errors");
        }
        if (mapToLoopback != null) {
            options.addArguments("--host-resolver-rules=MAP " + mapToLoopback + " 127.0.0.1");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(timeout);
        return new Browser(driver, timeout);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Duration timeout() {
        return timeout;
    }

    /** How long each wait polls from now on. */
    public void timeout(Duration value) {
        this.timeout = value;
    }

    public void open(String url) {
        driver.switchTo().defaultContent();
        driver.get(url);
    }

    /** Deletes every cookie of every site, partitioned ones included (Chromium's own command, through chromedriver). */
    public void clearCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** Runs {@code script} on the host page (not in a frame). */
    public @Nullable Object js(String script, Object... args) {
        driver.switchTo().defaultContent();
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The host's message log as plain maps and lists, oldest first. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> hostLog() {
        Object log = js("return JSON.parse(JSON.stringify(window.__hostLog || []))");
        return log instanceof List ? (List<Map<String, Object>>) log : Collections.emptyList();
    }

    /** {@code window.__hostState} without the parts that hold windows (frames, listeners). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> hostState() {
        Object state = js("var s = window.__hostState || {}; var copy = {};"
                + "Object.keys(s).forEach(function (k) { if (k !== 'frames' && k !== 'listeners') copy[k] = s[k]; });"
                + "return JSON.parse(JSON.stringify(copy));");
        return state instanceof Map ? (Map<String, Object>) state : Collections.emptyMap();
    }

    /** The log as the host page shows it, one message a line, for failure messages. */
    public String hostLogText() {
        try {
            StringBuilder b = new StringBuilder();
            for (Map<String, Object> m : hostLog()) {
                b.append("\n  #").append(m.get("seq")).append(' ')
                        .append("in".equals(m.get("dir")) ? m.get("frame") + " -> host " : "host -> " + m.get("frame") + " ")
                        .append(m.get("type"));
                Object data = m.get("data");
                if (data != null) {
                    b.append(' ').append(data);
                }
            }
            return b.length() == 0 ? " (empty)" : b.toString();
        } catch (WebDriverException e) {
            return " (unreadable: " + e.getMessage() + ")";
        }
    }

    /** Messages of {@code type} in direction {@code dir} ({@code in}: app to host, {@code out}: host to app). */
    public List<Map<String, Object>> messages(String dir, String type) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : hostLog()) {
            if (dir.equals(m.get("dir")) && type.equals(m.get("type"))) {
                out.add(m);
            }
        }
        return out;
    }

    /** Waits until the host has logged a message of {@code type} matching {@code test}; returns it. */
    public Map<String, Object> awaitMessage(String what, String dir, String type, Predicate<Map<String, Object>> test) {
        return await(what, () -> {
            for (Map<String, Object> m : messages(dir, type)) {
                if (test.test(m)) {
                    return m;
                }
            }
            return null;
        });
    }

    /** Polls {@code probe} until it gives a value; fails with {@code what} and the host's log. */
    public <T> T await(String what, Supplier<@Nullable T> probe) {
        Object[] found = new Object[1];
        try {
            new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(d -> {
                found[0] = probe.get();
                return found[0] != null;
            });
        } catch (TimeoutException e) {
            throw failure("waited " + timeout.toSeconds() + " s for " + what, e);
        }
        @SuppressWarnings("unchecked")
        T value = (T) found[0];
        return value;
    }

    /** An AssertionError saying {@code what} went wrong, with the host's log and the softphone's text. */
    public AssertionError failure(String what, @Nullable Throwable cause) {
        AssertionError error = new AssertionError(what + "\nthe host's message log:" + hostLogText());
        if (cause != null) {
            error.initCause(cause);
        }
        return error;
    }

    // ------------------------------------------------------------------------------------------------ the softphone

    /** Runs {@code action} inside the softphone iframe {@code frameSelector} of the host page. */
    public <T> T inFrame(String frameSelector, Supplier<T> action) {
        driver.switchTo().defaultContent();
        WebElement frame = await("the softphone frame " + frameSelector, () -> {
            List<WebElement> found = driver.findElements(By.cssSelector(frameSelector));
            return found.isEmpty() ? null : found.get(0);
        });
        driver.switchTo().frame(frame);
        try {
            return action.get();
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    /** In the current frame: a visible, enabled element. */
    private WebElement element(String css) {
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(d -> {
                for (WebElement e : d.findElements(By.cssSelector(css))) {
                    if (e.isDisplayed() && e.isEnabled()) {
                        return e;
                    }
                }
                return null;
            });
        } catch (TimeoutException e) {
            String shown;
            try {
                shown = driver.findElement(By.tagName("body")).getText();
            } catch (WebDriverException unreadable) {
                shown = "(unreadable)";
            }
            String message = "no visible, enabled '" + css + "' in the softphone after " + timeout.toSeconds()
                    + " s; it shows: " + shown;
            driver.switchTo().defaultContent();
            throw failure(message, e);
        }
    }

    /**
     * The production template's own sign-in: clicks "Sign in to …" ({@code .cb-signin}) in the softphone frame,
     * runs {@code inPopup} with the driver switched to the sign-in pop-up that click opened, waits until the pop-up
     * has closed (the template's hand-back closes it) and the frame's account bar says "Signed in".
     */
    public void signInThroughPopup(String frameSelector, Consumer<ChromeDriver> inPopup) {
        driver.switchTo().defaultContent();
        String main = driver.getWindowHandle();
        Set<String> before = Set.copyOf(driver.getWindowHandles());
        inFrame(frameSelector, () -> {
            element(".cb-signin").click();
            return null;
        });
        String popup = await("the sign-in pop-up the softphone's \"Sign in\" opens", () -> {
            for (String handle : driver.getWindowHandles()) {
                if (!before.contains(handle)) {
                    return handle;
                }
            }
            return null;
        });
        driver.switchTo().window(popup);
        try {
            inPopup.accept(driver);
            new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                    .until(d -> !d.getWindowHandles().contains(popup));
        } catch (TimeoutException e) {
            String shown;
            try {
                shown = driver.findElement(By.tagName("body")).getText();
            } catch (WebDriverException unreadable) {
                shown = "(unreadable)";
            }
            driver.switchTo().window(main);
            throw failure("the sign-in pop-up did not hand back and close within " + timeout.toSeconds()
                    + " s; it shows: " + shown, e);
        } finally {
            driver.switchTo().window(main);
        }
        inFrame(frameSelector, () -> {
            try {
                new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(d -> d.findElement(
                        By.cssSelector(".cb-account-status")).getText().startsWith("Signed in"));
            } catch (TimeoutException e) {
                String shown = driver.findElement(By.tagName("body")).getText();
                driver.switchTo().defaultContent();
                throw failure("the softphone did not say \"Signed in\" after the pop-up; it shows: " + shown, e);
            }
            return null;
        });
    }

    /** The shipped softphone UI: log the agent in and make them available. */
    public void logInAvailable(String frameSelector) {
        inFrame(frameSelector, () -> {
            WebElement login = element(".cb-login");
            new WebDriverWait(driver, timeout).until(d -> !d.findElement(By.cssSelector(".cb-status")).getText()
                    .toLowerCase(Locale.ROOT).contains("connecting"));
            if (login.getText().contains("Log in")) {
                login.click();
            }
            element(".cb-presence-box .cb-apply");
            new Select(driver.findElement(By.cssSelector(".cb-presence"))).selectByValue("AVAILABLE");
            driver.findElement(By.cssSelector(".cb-apply")).click();
            new WebDriverWait(driver, timeout).until(d -> "AVAILABLE".equals(
                    d.findElement(By.cssSelector(".cb-presence-label")).getAttribute("data-status")));
            return null;
        });
    }

    /** Clicks a call control ({@code hangup}, {@code answer}, ...) of the softphone's call. */
    public void callControl(String frameSelector, String action) {
        inFrame(frameSelector, () -> {
            element(".cb-call .cb-" + action).click();
            return null;
        });
    }

    /** Waits until the softphone shows a call in {@code state} ({@code CONNECTED}, {@code ENDED}, ...); its id. */
    public String awaitCallState(String frameSelector, String state) {
        return inFrame(frameSelector, () -> Objects.requireNonNull(
                element(".cb-call[data-state='" + state + "']").getAttribute("data-call-id"), "data-call-id"));
    }

    /** Fills in the wrap-up form of the ended call and saves it. */
    public void wrapUp(String frameSelector, String disposition, String notes) {
        inFrame(frameSelector, () -> {
            element(".cb-wrapup .cb-save");
            WebElement select = driver.findElement(By.cssSelector(".cb-wrapup .cb-disposition"));
            Select outcomes = new Select(select);
            if (outcomes.getOptions().stream().noneMatch(o -> disposition.equals(o.getAttribute("value")))) {
                List<String> offered = new ArrayList<>();
                outcomes.getOptions().forEach(o -> offered.add(o.getAttribute("value")));
                driver.switchTo().defaultContent();
                throw failure("the softphone's wrap-up offers no outcome '" + disposition + "', only " + offered,
                        null);
            }
            outcomes.selectByValue(disposition);
            WebElement text = driver.findElement(By.cssSelector(".cb-wrapup .cb-notes"));
            text.clear();
            text.sendKeys(notes);
            driver.findElement(By.cssSelector(".cb-wrapup .cb-save")).click();
            return null;
        });
    }

    @Override
    public void close() {
        driver.quit();
    }
}
