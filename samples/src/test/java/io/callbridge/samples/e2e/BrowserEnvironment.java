package io.callbridge.samples.e2e;

import io.callbridge.samples.demo.CallbridgeDemo;
import io.callbridge.samples.demo.DemoKeystore;
import io.callbridge.samples.demo.DemoOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One demo server and one headless Chromium for every browser test of the run (JUnit's root store closes them at the
 * end). Debian's Chromium and chromedriver are used by path, so nothing is ever downloaded. {@link Secure} is the same
 * over https/wss, for the tests that annotate their class with it; its browser also resolves
 * {@link DemoOptions#SALESFORCE_HOST_NAME} to loopback, so the Salesforce host simulator runs under a name Open CTI
 * accepts.
 */
final class BrowserEnvironment implements BeforeAllCallback {
    static final String CHROMIUM = System.getProperty("callbridge.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("callbridge.chromedriver", "/usr/bin/chromedriver");

    private static Shared shared;
    private static Shared secure;

    /** The running demo and browser. */
    static final class Shared implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final CallbridgeDemo demo;
        final ChromeDriver driver;
        final Path profile;
        /** The development keystore the demo serves https/wss from; null over plain http. */
        final DemoKeystore keystore;
        /**
         * Set when JUnit closes the root store. Failsafe runs each test class in a launcher run of its own when it forks
         * more than one JVM, so the root store (and this) closes after every class; the next class starts a new one.
         */
        private volatile boolean closed;

        Shared(CallbridgeDemo demo, ChromeDriver driver, Path profile, DemoKeystore keystore) {
            this.demo = demo;
            this.driver = driver;
            this.profile = profile;
            this.keystore = keystore;
        }

        @Override
        public void close() {
            closed = true;
            try {
                driver.quit();
            } finally {
                demo.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        get(context);
    }

    static synchronized Shared get(ExtensionContext context) {
        if (shared == null || shared.closed) {
            shared = start();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(BrowserEnvironment.class, shared);
        }
        return shared;
    }

    static synchronized Shared shared() {
        if (shared == null || shared.closed) {
            throw new IllegalStateException("BrowserEnvironment not started: annotate the test class with it");
        }
        return shared;
    }

    /**
     * The demo over https/wss with a development keystore made by keytool (as {@code --tls} makes it), and a Chromium
     * of its own that accepts the self-signed certificate ({@code --ignore-certificate-errors}, for this browser only).
     */
    static final class Secure implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            get(context);
        }

        static synchronized Shared get(ExtensionContext context) {
            if (secure == null || secure.closed) {
                secure = startSecure();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Secure.class, secure);
            }
            return secure;
        }

        static synchronized Shared shared() {
            if (secure == null || secure.closed) {
                throw new IllegalStateException("BrowserEnvironment.Secure not started: annotate the test class "
                        + "with it");
            }
            return secure;
        }
    }

    private static Shared start() {
        return start(DemoOptions.DEFAULTS.withPorts(freePort(), freePort()), null);
    }

    private static Shared startSecure() {
        DemoKeystore keystore;
        // Under target/, like the demo's own: made by the first run, reused (as the demo reuses it) by later ones.
        keystore = DemoKeystore.development(Path.of("target", "it-demo-tls"));
        return start(DemoOptions.DEFAULTS.withPorts(freePort(), freePort()).withTls(keystore.tls()), keystore);
    }

    private static Shared start(DemoOptions demoOptions, DemoKeystore keystore) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "); .ci/run installs them");
        }
        CallbridgeDemo demo = CallbridgeDemo.start(demoOptions);
        try {
            Path profile = Files.createTempDirectory("callbridge-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                    "--window-size=1500,1100");
            if (keystore != null) {
                // What a user does by clicking through the warning, for the demo's own certificate; this browser only.
                options.addArguments("--ignore-certificate-errors");
                // The Salesforce host simulator under a Salesforce-shaped name, as Open CTI accepts only those; the name
                // is HSTS-preloaded, hence only in the TLS browser.
                options.addArguments("--host-resolver-rules=MAP " + DemoOptions.SALESFORCE_HOST_NAME + " 127.0.0.1");
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            return new Shared(demo, driver, profile, keystore);
        } catch (IOException e) {
            demo.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
