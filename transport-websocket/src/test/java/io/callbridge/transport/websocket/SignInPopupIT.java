package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * signin.js in a real browser: the page on one origin (127.0.0.1) reads its sign-in URL from the server's
 * callbridge-config.json, opens the pop-up on another origin (localhost) on a click, and the pop-up's postMessage
 * hand-back reaches it only when the pop-up allows the page's origin.
 */
class SignInPopupIT {
    private static final String CHROMIUM = System.getProperty("callbridge.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("callbridge.chromedriver", "/usr/bin/chromedriver");

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
        // The sign-in URL names the server's port, so the port is chosen before the server starts.
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        app = new TestCallbridge(TestCallbridge.defaults().withPort(port).withPageConfig(PageConfig.NONE
                .withSignInUrl("http://localhost:" + port + "/static/test/popup.html")));
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

    @AfterEach
    void closePopups() {
        String main = driver.getWindowHandles().iterator().next();
        for (String handle : Set.copyOf(driver.getWindowHandles())) {
            driver.switchTo().window(handle);
            if (!driver.getCurrentUrl().contains("/static/test/signin.html")) {
                driver.close();
            } else {
                main = handle;
            }
        }
        driver.switchTo().window(main);
    }

    private String page(String signInQuery) {
        // The page passes the pop-up's test knobs through the sign-in URL from the config; the hand-back rules
        // are signin.js's own.
        driver.get("http://127.0.0.1:" + port + "/static/test/signin.html");
        if (!signInQuery.isEmpty()) {
            driver.executeScript("var open = window.open; window.open = function (url, name, features) {"
                    + " return open.call(window, url + '&" + signInQuery + "', name, features); };");
        }
        driver.findElement(By.id("signin")).click();
        return driver.getWindowHandle();
    }

    @Test
    void theTokenComesBackFromThePopUpOnTheOtherOrigin() {
        page("allow=" + "http%3A%2F%2F127.0.0.1%3A" + port);

        wait.until(d -> d.findElement(By.id("result")).getText().startsWith("token:"));
        assertThat(driver.findElement(By.id("result")).getText()).isEqualTo("token:token-from-popup");
        // The pop-up closed itself after handing back.
        wait.until(d -> d.getWindowHandles().size() == 1);
    }

    @Test
    void aPopUpThatDoesNotAllowThePagesOriginHandsNothingBack() {
        String main = page("allow=" + "https%3A%2F%2Fsoftphone.acme.example&keep=1");

        wait.until(d -> d.getWindowHandles().size() == 2);
        String popup = driver.getWindowHandles().stream().filter(h -> !h.equals(main)).findFirst().orElseThrow();
        driver.switchTo().window(popup);
        wait.until(d -> !d.findElement(By.id("handback")).getText().isEmpty());
        assertThat(driver.findElement(By.id("handback")).getText()).startsWith("refused:")
                .contains("is not a softphone origin");
        assertThat(driver.getCurrentUrl()).startsWith("http://localhost:" + port + "/static/test/popup.html?")
                .contains("callbridgeOrigin=http%3A%2F%2F127.0.0.1%3A" + port);
        driver.close();

        driver.switchTo().window(main);
        wait.until(d -> d.findElement(By.id("result")).getText().startsWith("error:"));
        assertThat(driver.findElement(By.id("result")).getText())
                .isEqualTo("error:The sign-in window was closed before you signed in.");
    }
}
