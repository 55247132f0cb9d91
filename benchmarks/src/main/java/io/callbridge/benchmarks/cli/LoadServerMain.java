package io.callbridge.benchmarks.cli;

import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.benchmarks.inject.LoadServerModule;
import io.callbridge.benchmarks.load.EchoServer;
import io.callbridge.benchmarks.load.ServerControl;
import io.callbridge.benchmarks.load.TimedPhoneSystem;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The server JVM the load generator starts: {@code callbridge RING_MS ANSWER_MS TALK_MS} (the real server: core,
 * WebSocket transport and HubSpot adapter as a vendor wires them, with {@link TimedPhoneSystem}) or {@code echo} (the
 * raw Jetty baseline). Prints {@code READY <port>}, then answers the generator's control commands
 * ({@link ServerControl}) on standard input/output. The token secret comes from the environment variable
 * {@value #SECRET_ENV} (hex), never from the command line. Stops on QUIT, at the end of input, or after
 * {@value #MAX_LIFETIME_MINUTES} minutes whatever happens.
 */
public final class LoadServerMain {
    public static final String SECRET_ENV = "CALLBRIDGE_BENCH_SECRET";
    static final int MAX_LIFETIME_MINUTES = 60;

    private LoadServerMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofMinutes(MAX_LIFETIME_MINUTES).toMillis());
                System.err.println("load server: lifetime exceeded, exiting");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lifetime-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        if (args.length == 1 && args[0].equals("echo")) {
            try (EchoServer echo = EchoServer.start(Duration.ofMinutes(10))) {
                out.println("READY " + echo.port());
                new ServerControl(in, out, Map.of("INFO", o -> {
                    o.println("INFO sessions=" + echo.sessions() + " rejectedReports=0");
                    return true;
                })).serve();
            }
        } else if (args.length == 4 && args[0].equals("callbridge")) {
            callbridge(Duration.ofMillis(Long.parseLong(args[1])), Duration.ofMillis(Long.parseLong(args[2])),
                    Duration.ofMillis(Long.parseLong(args[3])), in, out);
        } else {
            System.err.println("usage: LoadServerMain echo | callbridge RING_MS ANSWER_MS TALK_MS");
            System.exit(2);
        }
        System.exit(0);
    }

    private static void callbridge(Duration ring, Duration answer, Duration talk, BufferedReader in, PrintStream out)
            throws Exception {
        String secretHex = System.getenv(SECRET_ENV);
        if (secretHex == null || secretHex.isBlank()) {
            throw new IllegalStateException(SECRET_ENV + " is not set");
        }
        AgentTokens tokens = new AgentTokens(HexFormat.of().parseHex(secretHex.strip()), Clock.systemUTC());
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "phone-system");
            t.setDaemon(true);
            return t;
        });
        PhoneNumber callerId = new PhoneNumber("+16175550100", null, "+16175550100");
        TimedPhoneSystem phone = new TimedPhoneSystem(timers, ring, answer, talk, callerId);
        try (CallbridgeLauncher.Running running = CallbridgeLauncher.start(new CoreModule(),
                new WebSocketTransportModule(), new HubSpotAdapterModule(), new LoadServerModule(phone, tokens))) {
            phone.reportTo(running.instance(TelephonyEvents.class));
            out.println("READY " + running.port());
            Function<PrintStream, Boolean> stamps = o -> {
                phone.drainStamps(s -> o.println("STAMP " + s.callId() + " " + s.kind() + " " + s.epochMicros()));
                o.println("END");
                return true;
            };
            Function<PrintStream, Boolean> info = o -> {
                o.println("INFO rejectedReports=" + phone.rejectedReports());
                return true;
            };
            new ServerControl(in, out, Map.of("STAMPS", stamps, "INFO", info)).serve();
        } finally {
            timers.shutdownNow();
        }
    }
}
