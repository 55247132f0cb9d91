package io.callbridge.samples.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the browser tests do with a host simulator page and the softphone inside it. */
final class Pages {
    static final Duration WAIT = Duration.ofSeconds(25);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChromeDriver driver;

    Pages(ChromeDriver driver) {
        this.driver = driver;
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.switchTo().defaultContent();
        driver.get(url);
    }

    Object js(String script, Object... args) {
        driver.switchTo().defaultContent();
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The host's message log, {@code window.__hostLog}. */
    List<JsonNode> hostLog() {
        String text = (String) js("return JSON.stringify(window.__hostLog || [])");
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(text).forEach(out::add);
        return out;
    }

    /** {@code window.__hostState}, as far as it is JSON (frames and listeners hold windows, so they are left out). */
    JsonNode hostState() {
        String text = (String) js("var s = window.__hostState; var copy = {};"
                + "Object.keys(s).forEach(function (k) { if (k !== 'frames' && k !== 'listeners') copy[k] = s[k]; });"
                + "return JSON.stringify(copy);");
        return JSON.readTree(text);
    }

    /** Messages of {@code type} in direction {@code dir} ("in" = app to host, "out" = host to app). */
    List<JsonNode> messages(String dir, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : hostLog()) {
            if (n.path("dir").asString().equals(dir) && n.path("type").asString().equals(type)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Waits until the host has seen a message of {@code type} matching {@code test}; returns it. */
    JsonNode awaitMessage(String dir, String type, Predicate<JsonNode> test) {
        JsonNode[] found = new JsonNode[1];
        try {
            new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).until(d -> {
                for (JsonNode n : messages(dir, type)) {
                    if (test.test(n)) {
                        found[0] = n;
                        return true;
                    }
                }
                return false;
            });
        } catch (TimeoutException e) {
            throw new AssertionError("the host never saw " + dir + " " + type + "; its log: " + hostLog(), e);
        }
        return found[0];
    }

    JsonNode awaitMessage(String dir, String type) {
        return awaitMessage(dir, type, n -> true);
    }

    void awaitHost(String description, String jsCondition) {
        try {
            new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
                    .until(d -> Boolean.TRUE.equals(js("return !!(" + jsCondition + ")")));
        } catch (TimeoutException e) {
            throw new AssertionError("host never reached: " + description + "; its log: " + hostLog(), e);
        }
    }

    /**
     * Opens a Salesforce host simulator page, logs the agent in and makes them available in the softphone utility
     * ({@code tab}), and waits until click-to-dial and the work listeners are live.
     */
    void openSalesforceHost(String url, String tab) {
        open(url);
        awaitMessage("in", "notifyInitializationComplete");
        logInAvailable(tab);
        awaitMessage("in", "enableClickToDial");
        awaitHost("listeners registered", "window.__hostState.listeners.onClickToDial"
                + " && window.__hostState.listeners.onWorkStart");
    }

    // ---------------------------------------------------------------------------------------------- the softphone

    /** Runs {@code action} inside the softphone iframe found by {@code frameSelector} on the host page. */
    <T> T inFrame(String frameSelector, java.util.function.Supplier<T> action) {
        driver.switchTo().defaultContent();
        driver.switchTo().frame(driver.findElement(By.cssSelector(frameSelector)));
        try {
            return action.get();
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    WebElement awaitElement(String css) {
        try {
            return new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).until(d -> {
                for (WebElement e : d.findElements(By.cssSelector(css))) {
                    if (e.isDisplayed() && e.isEnabled()) {
                        return e;
                    }
                }
                return null;
            });
        } catch (TimeoutException e) {
            throw new AssertionError("no visible, enabled '" + css + "' in the softphone; it shows: "
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Logs the agent in and makes them available, in the softphone frame. */
    void logInAvailable(String frameSelector) {
        inFrame(frameSelector, () -> {
            WebElement login = awaitElement(".cb-login");
            new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.cssSelector(".cb-status")).getText()
                    .toLowerCase(java.util.Locale.ROOT).contains("connecting"));
            if (login.getText().contains("Log in")) {
                login.click();
            }
            awaitElement(".cb-presence-box .cb-apply");
            new Select(driver.findElement(By.cssSelector(".cb-presence"))).selectByValue("AVAILABLE");
            driver.findElement(By.cssSelector(".cb-apply")).click();
            new WebDriverWait(driver, WAIT).until(d -> "AVAILABLE".equals(
                    d.findElement(By.cssSelector(".cb-presence-label")).getAttribute("data-status")));
            return null;
        });
    }

    /** Clicks a call control ({@code hangup}, {@code answer}, ...) of the call in {@code state}. */
    void callControl(String frameSelector, String action) {
        inFrame(frameSelector, () -> {
            awaitElement(".cb-call .cb-" + action).click();
            return null;
        });
    }

    void awaitCallState(String frameSelector, String state) {
        inFrame(frameSelector, () -> awaitElement(".cb-call[data-state='" + state + "']"));
    }

    /** Fills in the wrap-up form of the ended call and saves it. */
    void wrapUp(String frameSelector, String disposition, String notes) {
        inFrame(frameSelector, () -> {
            awaitElement(".cb-wrapup .cb-save");
            new Select(driver.findElement(By.cssSelector(".cb-wrapup .cb-disposition"))).selectByValue(disposition);
            WebElement text = driver.findElement(By.cssSelector(".cb-wrapup .cb-notes"));
            text.clear();
            text.sendKeys(notes);
            driver.findElement(By.cssSelector(".cb-wrapup .cb-save")).click();
            return null;
        });
    }

    String softphoneText(String frameSelector) {
        return inFrame(frameSelector, () -> driver.findElement(By.tagName("body")).getText());
    }

    // ---------------------------------------------------------------------------------------------- screenshots

    /** Saves a screenshot of the whole page to samples/target/screenshots and, when asked for, to docs/images. */
    void screenshot(String name, boolean forDocs) {
        driver.switchTo().defaultContent();
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        try {
            Path dir = Path.of(System.getProperty("callbridge.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            String docs = System.getProperty("callbridge.docImages");
            if (forDocs && docs != null && !docs.isBlank()) {
                Files.createDirectories(Path.of(docs));
                Files.copy(shot, Path.of(docs).resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
