package io.callbridge.samples.demo;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the demo until Ctrl-C. Ports: {@code --port N} or {@code -Dcallbridge.port=N} (default 8080) for the callbridge
 * server, {@code --host-port N} or {@code -Dcallbridge.hostPort=N} (default: the next port) for the CRM host
 * simulators.
 *
 * <p>TLS: {@code --tls} or {@code -Dcallbridge.tls=true} serves both servers over https/wss with a self-signed
 * development certificate for localhost, 127.0.0.1 and the Salesforce host simulator's name, made by the JDK's keytool on first use in
 * {@code -Dcallbridge.tlsDir} (the Maven demo profile: {@code samples/target/demo-tls}; else {@code target/demo-tls})
 * and reused while valid. {@code --keystore FILE --keystore-password PW} (or {@code -Dcallbridge.keystore},
 * {@code -Dcallbridge.keystorePassword}) serves from one's own PKCS12 keystore instead. Plain http is the default.
 */
public final class DemoMain {
    private static final Logger LOG = LoggerFactory.getLogger(DemoMain.class);
    private static final String USAGE = "Usage: DemoMain [--port 8080] [--host-port 8081] "
            + "[--tls | --keystore FILE.p12 --keystore-password PW] [--redis redis://host:port]";

    private DemoMain() {
    }

    /**
     * What the command line asked for.
     *
     * @param options ports and tenant (without TLS: the keystore is only opened or made by {@link #openKeystore()})
     * @param tls serve https/wss
     * @param keystore the user's own keystore, or null for the development keystore in {@code tlsDir}
     * @param keystorePassword its password
     * @param tlsDir where the development keystore lives
     */
    record Launch(DemoOptions options, boolean tls, @Nullable Path keystore, @Nullable String keystorePassword,
            Path tlsDir) {

        /** Opens the user's keystore, or opens or makes the development one; null without TLS. */
        @Nullable DemoKeystore openKeystore() {
            if (!tls) {
                return null;
            }
            if (keystore != null) {
                return DemoKeystore.open(keystore, keystorePassword == null ? "" : keystorePassword);
            }
            return DemoKeystore.development(tlsDir);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        DemoOptions options;
        DemoKeystore keystore;
        try {
            Launch launch = parse(args);
            keystore = launch.openKeystore();
            options = keystore == null ? launch.options() : launch.options().withTls(keystore.tls());
        } catch (IllegalArgumentException e) {
            LOG.error("{}. {}", e.getMessage(), USAGE);
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        CallbridgeDemo demo;
        try {
            demo = CallbridgeDemo.start(options);
        } catch (RuntimeException e) {
            // Nothing was left running: the launcher stops what it started. Say why in one line, not Guice's report.
            LOG.error("the demo did not start: {}", reason(e));
            LOG.debug("the demo did not start", e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping the demo");
            demo.close();
            stopped.countDown();
        }, "demo-shutdown"));
        if (keystore != null) {
            logTls(demo, keystore);
        } else {
            LOG.info("The Salesforce host simulator runs here on the demo's loopback opt-in (?loopback=1): Salesforce's "
                    + "own Open CTI library accepts only force.com and salesforce.com origins. For the strict simulator "
                    + "under a Salesforce-shaped name, start with --tls.");
        }
        LOG.info("callbridge demo started in {} ms. Open:\n"
                        + "  HubSpot host simulator     {}\n"
                        + "  Salesforce host simulator  {}\n"
                        + "  plain softphone page       {}\n"
                        + "Dial +1 415 555 0100 (answers), ...0101 (busy), ...0102 (no answer), ...0103 (fails), "
                        + "...0104 (long call); the host pages have a 'ring me' control for inbound calls. "
                        + "Ctrl-C stops.",
                (System.nanoTime() - started) / 1_000_000, demo.hubspotHostUrl("alice"),
                keystore != null ? demo.salesforceHostUrl("bob") : demo.salesforceLoopbackHostUrl("bob"),
                demo.softphoneUrl("hubspot", "alice"));
        DemoOptions.Timings timings = demo.options().timings();
        LOG.info("Hang up and close the tab without saving: core wraps the call up after {} s and {} s later the server "
                        + "logs it through the simulated CRM's REST API ({}); reopen the page to see it under Call "
                        + "records (HubSpot) or Tasks (Salesforce).",
                timings.wrapUpTimeout().toSeconds(), timings.restDeadline().toSeconds(), demo.crmApis());
        stopped.await();
    }

    /** The first configuration error in the chain (e.g. Redis unreachable), else the exception itself. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException || t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
        }
        return e.toString();
    }

    private static void logTls(CallbridgeDemo demo, DemoKeystore keystore) {
        DemoOptions options = demo.options();
        if (!keystore.selfSigned()) {
            LOG.info("TLS: https/wss only, from {} (certificate {}, for {}, valid until {})",
                    keystore.tls().keystore(), keystore.certificate().getSubjectX500Principal().getName(),
                    keystore.names(), keystore.certificate().getNotAfter().toInstant());
            logSalesforceBrowser(demo, keystore);
            return;
        }
        LOG.warn("TLS: https/wss only, with a SELF-SIGNED development certificate ({} {}, for {}, valid until {}, "
                        + "SHA-256 {}). Browsers do not trust it and warn once per host: open the plain softphone "
                        + "page {} first and accept the warning (Chromium: Advanced > Proceed; Firefox: Advanced > "
                        + "Accept the Risk), then the host pages on {}/ (inside a CRM page's iframe a browser shows "
                        + "no warning, the softphone just stays blank). To avoid the warnings, trust {} in the browser "
                        + "or OS; command-line clients: curl --cacert {} {}/",
                keystore.generatedNow() ? "made now in" : "reused from", keystore.tls().keystore(),
                keystore.names(), keystore.certificate().getNotAfter().toInstant(), keystore.fingerprint(),
                demo.softphoneUrl("hubspot", "alice"), options.hostOrigin(), keystore.certificateFile(),
                keystore.certificateFile(), options.hostOrigin());
        logSalesforceBrowser(demo, keystore);
    }

    /**
     * How to open the Salesforce host simulator under its Salesforce-shaped name: a browser of its own that maps the
     * name to loopback and trusts exactly this certificate (an HSTS host offers no way past the warning).
     */
    private static void logSalesforceBrowser(CallbridgeDemo demo, DemoKeystore keystore) {
        LOG.info("Salesforce host simulator: open {} in a Chromium of its own: chromium --user-data-dir=$(mktemp -d) "
                        + "--host-resolver-rules=\"MAP {} 127.0.0.1\" --ignore-certificate-errors-spki-list={} {}",
                demo.salesforceHostUrl("bob"), DemoOptions.SALESFORCE_HOST_NAME, keystore.spkiPin(),
                demo.salesforceHostUrl("bob"));
    }

    static Launch parse(String[] args) {
        int port = integer("callbridge.port", System.getProperty("callbridge.port"), DemoOptions.DEFAULT_PORT);
        String hostPortProperty = System.getProperty("callbridge.hostPort");
        Integer hostPort = hostPortProperty == null ? null : integer("callbridge.hostPort", hostPortProperty, 0);
        boolean tls = bool("callbridge.tls", System.getProperty("callbridge.tls"));
        String keystore = blankToNull(System.getProperty("callbridge.keystore"));
        String password = System.getProperty("callbridge.keystorePassword");
        String tlsDir = blankToNull(System.getProperty("callbridge.tlsDir"));
        String redis = blankToNull(System.getProperty("callbridge.redis"));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--port") || a.equals("--host-port")) && i + 1 < args.length) {
                int value = integer(a, args[++i], 0);
                if (a.equals("--port")) {
                    port = value;
                } else {
                    hostPort = value;
                }
            } else if (a.equals("--tls")) {
                tls = true;
            } else if (a.equals("--keystore") && i + 1 < args.length) {
                keystore = args[++i];
            } else if (a.equals("--keystore-password") && i + 1 < args.length) {
                password = args[++i];
            } else if (a.equals("--redis") && i + 1 < args.length) {
                redis = args[++i];
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if (keystore != null && password == null) {
            throw new IllegalArgumentException(
                    "--keystore needs --keystore-password (or -Dcallbridge.keystorePassword)");
        }
        if (keystore == null && password != null) {
            throw new IllegalArgumentException("--keystore-password without --keystore");
        }
        DemoOptions options = DemoOptions.DEFAULTS.withPort(port).withRedis(redis);
        if (hostPort != null) {
            options = options.withPorts(port, hostPort);
        }
        return new Launch(options, tls || keystore != null, keystore == null ? null : Path.of(keystore), password,
                Path.of(tlsDir == null ? "target/demo-tls" : tlsDir));
    }

    private static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number but was '" + value + "'");
        }
    }

    /** {@code -Dcallbridge.tls} alone (empty) or {@code =true} turns it on; {@code =false} leaves it off. */
    private static boolean bool(String name, @Nullable String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim();
        if (v.isEmpty() || v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false but was '" + value + "'");
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
