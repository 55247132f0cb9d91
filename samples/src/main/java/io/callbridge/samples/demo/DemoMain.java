package io.callbridge.samples.demo;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the demo until Ctrl-C. Ports: {@code --port N} or {@code -Dcallbridge.port=N} (default 8080) for the callbridge
 * server, {@code --host-port N} or {@code -Dcallbridge.hostPort=N} (default: the next port) for the CRM host
 * simulators.
 */
public final class DemoMain {
    private static final Logger LOG = LoggerFactory.getLogger(DemoMain.class);

    private DemoMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DemoOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            LOG.error("{}. Usage: DemoMain [--port 8080] [--host-port 8081]", e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        CallbridgeDemo demo = CallbridgeDemo.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping the demo");
            demo.close();
            stopped.countDown();
        }, "demo-shutdown"));
        LOG.info("callbridge demo started in {} ms. Open:\n"
                        + "  HubSpot host simulator     {}\n"
                        + "  Salesforce host simulator  {}\n"
                        + "  plain softphone page       {}\n"
                        + "Dial +1 415 555 0100 (answers), ...0101 (busy), ...0102 (no answer), ...0103 (fails), "
                        + "...0104 (long call); the host pages have a 'ring me' control for inbound calls. "
                        + "Ctrl-C stops.",
                (System.nanoTime() - started) / 1_000_000, demo.hubspotHostUrl("alice"),
                demo.salesforceHostUrl("bob"), demo.softphoneUrl("hubspot", "alice"));
        stopped.await();
    }

    static DemoOptions parse(String[] args) {
        int port = integer("callbridge.port", System.getProperty("callbridge.port"), DemoOptions.DEFAULT_PORT);
        String hostPortProperty = System.getProperty("callbridge.hostPort");
        Integer hostPort = hostPortProperty == null ? null : integer("callbridge.hostPort", hostPortProperty, 0);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--port") || a.equals("--host-port")) && i + 1 < args.length) {
                int value = integer(a, args[++i], 0);
                if (a.equals("--port")) {
                    port = value;
                } else {
                    hostPort = value;
                }
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        DemoOptions options = DemoOptions.DEFAULTS.withPort(port);
        return hostPort == null ? options : options.withPorts(port, hostPort);
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
}
