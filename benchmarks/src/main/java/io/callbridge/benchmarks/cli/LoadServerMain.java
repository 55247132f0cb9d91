package io.callbridge.benchmarks.cli;

import com.google.inject.Module;
import io.callbridge.adapter.hubspot.inject.HubSpotAdapterModule;
import io.callbridge.adapter.salesforce.inject.SalesforceAdapterModule;
import io.callbridge.benchmarks.inject.LoadServerModule;
import io.callbridge.benchmarks.load.EchoServer;
import io.callbridge.benchmarks.load.LoadServerEnv;
import io.callbridge.benchmarks.load.PhoneWebhook;
import io.callbridge.benchmarks.load.ServerControl;
import io.callbridge.benchmarks.load.TimedPhoneSystem;
import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.inject.RedisClusterModule;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The server JVM the load generator starts: {@code callbridge --ring-ms R --answer-ms A --talk-ms T [--tls KEYSTORE]
 * [--key-prefix P]} (the real server: core, WebSocket transport, HubSpot and Salesforce adapters as a vendor wires them,
 * with {@link TimedPhoneSystem}; on Redis when {@value #REDIS_ENV} is set) or {@code echo [--tls KEYSTORE]} (the raw
 * Jetty baseline). Prints {@code READY <port> <phone-webhook-port>}, then answers the generator's control commands
 * ({@link ServerControl}) on standard input/output; {@code PEER <port>} sends this node's phone reports to another
 * node's webhook ({@link PhoneWebhook}). Secrets come from the environment, never from the command line: the token
 * secret ({@value #SECRET_ENV}, hex), the keystore password ({@value #KEYSTORE_PASSWORD_ENV}) and the Redis URI
 * ({@value #REDIS_ENV}, which may carry a password). Stops on QUIT, at the end of input, or after
 * {@value #MAX_LIFETIME_MINUTES} minutes whatever happens.
 */
public final class LoadServerMain {
    public static final String SECRET_ENV = LoadServerEnv.SECRET;
    public static final String KEYSTORE_PASSWORD_ENV = LoadServerEnv.KEYSTORE_PASSWORD;
    public static final String REDIS_ENV = LoadServerEnv.REDIS;
    static final int MAX_LIFETIME_MINUTES = 60;
    private static final String USAGE = "usage: LoadServerMain echo [--tls KEYSTORE] | callbridge --ring-ms R"
            + " --answer-ms A --talk-ms T [--tls KEYSTORE] [--key-prefix P] [--redis-timeout-ms MS]";

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
        Map<String, String> flags;
        try {
            flags = flags(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        Path keystore = flags.containsKey("--tls") ? Path.of(flags.get("--tls")) : null;
        String keystorePassword = keystore == null ? null : env(KEYSTORE_PASSWORD_ENV);
        if (args[0].equals("echo")) {
            try (EchoServer echo = EchoServer.start(Duration.ofMinutes(10), keystore, keystorePassword)) {
                out.println("READY " + echo.port() + " 0");
                new ServerControl(in, out, Map.of("INFO", (a, o) -> {
                    o.println("INFO sessions=" + echo.sessions() + " rejectedReports=0");
                    return true;
                })).serve();
            }
        } else {
            TransportSettings.Tls tls = keystore == null ? null
                    : new TransportSettings.Tls(keystore, Objects.requireNonNull(keystorePassword));
            callbridge(Duration.ofMillis(millis(flags, "--ring-ms")), Duration.ofMillis(millis(flags, "--answer-ms")),
                    Duration.ofMillis(millis(flags, "--talk-ms")), tls, flags.getOrDefault("--key-prefix", "bench"),
                    flags.get("--redis-timeout-ms"), in, out);
        }
        System.exit(0);
    }

    private static Map<String, String> flags(String[] args) {
        if (args.length == 0 || !(args[0].equals("echo") || args[0].equals("callbridge"))) {
            throw new IllegalArgumentException("first argument must be echo or callbridge");
        }
        Map<String, String> flags = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            flags.put(args[i], args[i + 1]);
        }
        if (args[0].equals("callbridge")) {
            for (String f : new String[] {"--ring-ms", "--answer-ms", "--talk-ms"}) {
                if (!flags.containsKey(f)) {
                    throw new IllegalArgumentException("callbridge needs " + f);
                }
            }
        }
        return flags;
    }

    private static long millis(Map<String, String> flags, String name) {
        return Long.parseLong(flags.get(name));
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value.strip();
    }

    private static void callbridge(Duration ring, Duration answer, Duration talk, TransportSettings.@Nullable Tls tls,
            String keyPrefix, @Nullable String redisTimeout, BufferedReader in, PrintStream out) throws Exception {
        AgentTokens tokens = new AgentTokens(HexFormat.of().parseHex(env(SECRET_ENV)), Clock.systemUTC());
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "phone-system");
            t.setDaemon(true);
            return t;
        });
        PhoneNumber callerId = new PhoneNumber("+16175550100", null, "+16175550100");
        TimedPhoneSystem phone = new TimedPhoneSystem(timers, ring, answer, talk, callerId);
        List<Module> modules = new ArrayList<>();
        String redis = System.getenv(REDIS_ENV);
        if (redis != null && !redis.isBlank()) {
            // First, so that its connection is the last service to stop.
            RedisSettings settings = RedisSettings.of(redis.strip()).withKeyPrefix(keyPrefix);
            if (redisTimeout != null) {
                settings = settings.withCommandTimeout(Duration.ofMillis(Long.parseLong(redisTimeout)));
            }
            modules.add(new RedisClusterModule(settings));
        }
        modules.add(new CoreModule());
        modules.add(new WebSocketTransportModule());
        modules.add(new HubSpotAdapterModule());
        modules.add(new SalesforceAdapterModule());
        modules.add(new LoadServerModule(phone, tokens, tls));
        List<PhoneWebhook.Sender> senders = new ArrayList<>();
        try (CallbridgeLauncher.Running running = CallbridgeLauncher.start(modules.toArray(Module[]::new));
                PhoneWebhook.Receiver webhook = PhoneWebhook.Receiver.listen(
                        running.instance(TelephonyEvents.class))) {
            phone.reportTo(running.instance(TelephonyEvents.class));
            out.println("READY " + running.port() + " " + webhook.port());
            ServerControl.Command stamps = (a, o) -> {
                phone.drainStamps(s -> o.println("STAMP " + s.callId() + " " + s.kind() + " " + s.epochMicros()));
                o.println("END");
                return true;
            };
            ServerControl.Command info = (a, o) -> {
                o.println("INFO rejectedReports=" + (phone.rejectedReports() + webhook.rejected())
                        + " forwardedReportsReceived=" + webhook.received());
                return true;
            };
            ServerControl.Command peer = (a, o) -> {
                PhoneWebhook.Sender sender = PhoneWebhook.Sender.connect(Integer.parseInt(a));
                senders.add(sender);
                phone.forwardTo(sender);
                o.println("PEER " + a);
                return true;
            };
            new ServerControl(in, out, Map.of("STAMPS", stamps, "INFO", info, "PEER", peer)).serve();
        } finally {
            for (PhoneWebhook.Sender s : senders) {
                s.close();
            }
            timers.shutdownNow();
        }
    }
}
