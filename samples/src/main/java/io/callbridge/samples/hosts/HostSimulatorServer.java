package io.callbridge.samples.hosts;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.callbridge.core.Service;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.phone.InvalidPhoneNumberException;
import io.callbridge.core.spi.TelephonyException;
import io.callbridge.samples.phone.SimulatedPhoneSystem;
import io.callbridge.transport.websocket.TransportSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "CRM" side of the demo, on its own port and origin: the HubSpot and Salesforce host simulator pages, the
 * project's Open CTI client library at {@code /support/api/<version>/lightning/opencti_min.js} (where Salesforce
 * serves its own), the HubSpot SDK bundle for the host side, and two controls: {@code /sim/config.js} (where the
 * softphone lives) and {@code POST /sim/ring?agent=…&from=…} (an inbound call rings at an agent). Over https when
 * {@link Settings#tls()} is set. The Salesforce page hands the Open CTI softphone its own origin as
 * {@code sfdcIframeOrigin}; since Open CTI (Salesforce's library and the simulator's alike) starts only for
 * {@code force.com} and {@code salesforce.com} origins, that page is opened under
 * {@code https://callbridge-demo.lightning.force.com:<port>}, a name the browser maps to this server, so the softphone,
 * opencti_min.js and the bridge all run over TLS as in a real org. The server answers under any host name.
 */
public final class HostSimulatorServer implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(HostSimulatorServer.class);
    private static final String WEB_ROOT = "io/callbridge/samples/hosts/web";
    private static final String HUBSPOT_SDK = "META-INF/callbridge/static/hubspot/calling-extensions-sdk.js";
    private static final Pattern OPENCTI = Pattern.compile("/support/api/[0-9]{2,3}(\\.0)?/lightning/opencti_min\\.js");
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)+");
    private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");

    /**
     * @param bindAddress interface to listen on
     * @param port TCP port
     * @param softphoneOrigin origin of the callbridge server whose softphone pages the hosts embed
     * @param tenant tenant of the demo agents
     * @param tls serve https only, from this PKCS12 keystore; null: plain http
     */
    public record Settings(String bindAddress, int port, String softphoneOrigin, String tenant,
            TransportSettings.@Nullable Tls tls) {
        public Settings {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(softphoneOrigin, "softphoneOrigin");
            Objects.requireNonNull(tenant, "tenant");
        }

        /** Plain http. */
        public Settings(String bindAddress, int port, String softphoneOrigin, String tenant) {
            this(bindAddress, port, softphoneOrigin, tenant, null);
        }
    }

    private final Settings settings;
    private final SimulatedPhoneSystem phone;
    private final ClassLoader resources;
    private @Nullable Server server;
    private @Nullable ServerConnector connector;

    @jakarta.inject.Inject
    public HostSimulatorServer(Settings settings, SimulatedPhoneSystem phone) {
        this.settings = settings;
        this.phone = phone;
        this.resources = HostSimulatorServer.class.getClassLoader();
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("host-simulators");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector http = connector(jetty);
        http.setHost(settings.bindAddress());
        http.setPort(settings.port());
        jetty.addConnector(http);
        jetty.setHandler(new Pages());
        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot start the host simulators on " + settings.bindAddress() + ":"
                    + settings.port(), e);
        }
        server = jetty;
        connector = http;
        LOG.info("CRM host simulators listening on {}://{}:{}", settings.tls() == null ? "http" : "https",
                settings.bindAddress(), http.getLocalPort());
    }

    /** Plain http, or https only from the keystore. */
    private ServerConnector connector(Server jetty) {
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        TransportSettings.Tls tls = settings.tls();
        if (tls == null) {
            return new ServerConnector(jetty, new HttpConnectionFactory(config));
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keystore().toString());
        ssl.setKeyStorePassword(tls.password());
        ssl.setKeyStoreType("PKCS12");
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // As the transport does: Jetty's SNI host check would refuse (400) a request whose host it cannot match to the
        // certificate, e.g. 127.0.0.1, for which browsers send no SNI; clients verify the certificate themselves.
        secure.setSniHostCheck(false);
        config.addCustomizer(secure);
        return new ServerConnector(jetty, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(config));
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("host simulators did not stop cleanly", e);
        }
        server = null;
        connector = null;
    }

    /** The bound port. */
    public synchronized int port() {
        if (connector == null) {
            throw new IllegalStateException("not running");
        }
        return connector.getLocalPort();
    }

    private final class Pages extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            try {
                if (path.equals("/sim/ring")) {
                    ring(request, response, callback);
                } else if (path.equals("/sim/config.js")) {
                    send(response, callback, "js", config().getBytes(UTF_8));
                } else if (OPENCTI.matcher(path).matches()) {
                    serve(response, request, callback, WEB_ROOT + "/salesforce/opencti/opencti_min.js", "js");
                } else if (path.equals("/hubspot/calling-extensions-sdk.js")) {
                    serve(response, request, callback, HUBSPOT_SDK, "js");
                } else {
                    String file = path.endsWith("/") ? path + "index.html" : path;
                    if (!SAFE_PATH.matcher(file).matches() || file.contains("..")) {
                        Response.writeError(request, response, callback, 404);
                        return true;
                    }
                    String ext = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                    serve(response, request, callback, WEB_ROOT + file, ext);
                }
            } catch (RuntimeException e) {
                LOG.warn("host simulator request {} failed", path, e);
                Response.writeError(request, response, callback, 500);
            }
            return true;
        }
    }

    private String config() {
        return "window.__simConfig = Object.freeze({softphoneOrigin: " + jsString(settings.softphoneOrigin())
                + ", tenant: " + jsString(settings.tenant()) + "});\n";
    }

    private void ring(Request request, Response response, Callback callback) {
        if (!"POST".equals(request.getMethod())) {
            Response.writeError(request, response, callback, 405);
            return;
        }
        Fields query = Request.extractQueryParameters(request);
        String agent = query.getValue("agent");
        String from = query.getValue("from");
        if (agent == null || !AGENT.matcher(agent).matches() || from == null || from.isBlank()) {
            Response.writeError(request, response, callback, 400, "agent (letters, digits, . _ -) and from required");
            return;
        }
        try {
            CallId id = phone.ring(AgentId.of(settings.tenant(), agent), from);
            response.setStatus(200);
            send(response, callback, "json", ("{\"callId\":" + jsString(id.value()) + "}")
                    .getBytes(UTF_8));
        } catch (InvalidPhoneNumberException | TelephonyException e) {
            response.setStatus(409);
            send(response, callback, "json", ("{\"error\":" + jsString(String.valueOf(e.getMessage())) + "}")
                    .getBytes(UTF_8));
        }
    }

    private void serve(Response response, Request request, Callback callback, String resource, String ext) {
        byte[] body = read(resource);
        if (body == null || !TYPES.containsKey(ext)) {
            Response.writeError(request, response, callback, 404);
            return;
        }
        send(response, callback, ext, body);
    }

    private static void send(Response response, Callback callback, String ext, byte[] body) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPES.get(ext));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private byte @Nullable [] read(String resource) {
        try (InputStream in = resources.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON/JavaScript string literal. */
    static String jsString(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
