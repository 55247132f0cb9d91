package io.callbridge.crmsim;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.callbridge.core.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "CRM" side, on its own port and origin, around any callbridge server: the HubSpot and Salesforce host simulator
 * pages ({@code /hubspot/?agent=…}, {@code /salesforce/?agent=…}), the project's Open CTI client library at
 * {@code /support/api/<version>/lightning/opencti_min.js} (where Salesforce serves its own), HubSpot's Calling
 * Extensions SDK for the host side (from the hubspot-adapter jar, which must be on the class path), and the controls
 * {@code /sim/config.js} (where each CRM's softphone lives), {@code GET /sim/token?agent=…&crm=…} (an agent token from
 * the {@link TokenSource}, when one is set) and {@code POST /sim/ring?agent=…&from=…} (an inbound call through the
 * {@link InboundCalls} hook, when one is set). Over https when {@link Builder#tls} is set.
 *
 * <p>The host pages embed the configured softphone URL of their CRM with {@code agent=<agent>} added to its query (the
 * Salesforce host also adds Open CTI's {@code sfdcIframeOrigin}, {@code mode} and {@code apiVersion}) and, with a token
 * source, {@code #token=<token>}. {@code ?page=/some/path} on a host page's URL embeds another page of the same
 * softphone origin instead (the configured query is kept).
 *
 * <p>Open CTI (Salesforce's library and the simulator's alike) starts only for {@code force.com} and
 * {@code salesforce.com} origins, so the Salesforce page is opened under a Salesforce-shaped name such as
 * {@code https://callbridge-demo.lightning.force.com:<port>} that the browser maps to this server; the server answers
 * under any host name. The token endpoint hands tokens to whoever asks: bind to loopback (the default), never expose
 * it.
 */
public final class HostSimulatorServer implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(HostSimulatorServer.class);
    private static final String WEB_ROOT = "io/callbridge/crmsim/web";
    private static final String HUBSPOT_SDK = "META-INF/callbridge/static/hubspot/calling-extensions-sdk.js";
    private static final Pattern OPENCTI = Pattern.compile("/support/api/[0-9]{2,3}(\\.0)?/lightning/opencti_min\\.js");
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)+");
    /** First path segments of the pages' own paths, which {@link Builder#mount} may not take. */
    private static final Set<String> RESERVED = Set.of("hubspot", "salesforce", "sim", "support", "index.html");
    private static final tools.jackson.databind.json.JsonMapper RECORDS_JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
    private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");

    /** The default softphone page of the callbridge server at {@code origin} for {@code crm}. */
    public static String defaultSoftphoneUrl(String origin, String crm) {
        return origin + "/static/" + crm + "/softphone.html";
    }

    /** Starts a configuration: at least the softphone (an origin, or one URL per CRM). */
    public static Builder builder() {
        return new Builder();
    }

    /** How to run the host simulators; every setter returns this builder. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private @Nullable URI hubspotSoftphone;
        private @Nullable URI salesforceSoftphone;
        private @Nullable TokenSource tokens;
        private @Nullable InboundCalls inboundCalls;
        private @Nullable CrmRecords records;
        private @Nullable Path keystore;
        private @Nullable String keystorePassword;
        private @Nullable String homePage;
        private final Map<String, Handler> mounts = new LinkedHashMap<>();

        private Builder() {
        }

        /** Interface to listen on; default {@code 127.0.0.1}. */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "bindAddress");
            return this;
        }

        /** TCP port; default 0, any free port ({@link #port()} tells which). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The shipped softphone pages of the callbridge server at {@code origin} (e.g. {@code https://phone.acme.example}):
         * {@code /static/hubspot/softphone.html} and {@code /static/salesforce/softphone.html}.
         */
        public Builder softphoneOrigin(String origin) {
            hubspotSoftphone(defaultSoftphoneUrl(origin, "hubspot"));
            return salesforceSoftphone(defaultSoftphoneUrl(origin, "salesforce"));
        }

        /** The page the HubSpot host embeds (the vendor's own, or the shipped one); may carry a query, no fragment. */
        public Builder hubspotSoftphone(String url) {
            this.hubspotSoftphone = softphoneUrl("hubspotSoftphone", url);
            return this;
        }

        /** The page the Salesforce host embeds (the call centre's adapter URL); may carry a query, no fragment. */
        public Builder salesforceSoftphone(String url) {
            this.salesforceSoftphone = softphoneUrl("salesforceSoftphone", url);
            return this;
        }

        /** Agent tokens for the embedded softphones; without one the pages get none (e.g. a demo-mode page). */
        public Builder tokens(TokenSource source) {
            this.tokens = Objects.requireNonNull(source, "tokens");
            return this;
        }

        /** What "Ring me" does; without it the control is hidden. */
        public Builder inboundCalls(InboundCalls hook) {
            this.inboundCalls = Objects.requireNonNull(hook, "inboundCalls");
            return this;
        }

        /**
         * The simulated CRM's records: the HubSpot page creates and updates its engagements there
         * ({@code POST /sim/hubspot/engagements}, {@code POST /sim/hubspot/engagements/update}) and both pages list
         * them ({@code GET /sim/records?crm=…}), polling, so a reopened tab shows calls logged meanwhile by a server.
         * Without it the pages keep their records in the browser.
         */
        public Builder records(CrmRecords hook) {
            this.records = Objects.requireNonNull(hook, "records");
            return this;
        }

        /** Serve https only, from this PKCS12 keystore. */
        public Builder tls(Path keystore, String password) {
            this.keystore = Objects.requireNonNull(keystore, "keystore");
            this.keystorePassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** A class path resource (an HTML page) served at {@code /} instead of the simulators' own index. */
        public Builder homePage(String classpathResource) {
            this.homePage = Objects.requireNonNull(classpathResource, "homePage");
            return this;
        }

        /**
         * Serves {@code handler} at {@code pathPrefix} and below, beside the pages: a simulated CRM REST API (the
         * HubSpot or Salesforce REST simulator), so that one server plays the whole CRM. The handler sees paths
         * relative to the prefix ({@code Request.getPathInContext}).
         *
         * @param pathPrefix an absolute path of one or more segments without a trailing slash, e.g. {@code /hubspot-api};
         *     not one the pages use ({@code /hubspot}, {@code /salesforce}, {@code /sim}, {@code /support})
         */
        public Builder mount(String pathPrefix, Handler handler) {
            Objects.requireNonNull(pathPrefix, "pathPrefix");
            Objects.requireNonNull(handler, "handler");
            if (!SAFE_PATH.matcher(pathPrefix).matches() || pathPrefix.contains("..")) {
                throw new IllegalArgumentException("pathPrefix must be an absolute path without a trailing slash, e.g. "
                        + "/hubspot-api, not '" + pathPrefix + "'");
            }
            String first = pathPrefix.substring(1).split("/", 2)[0];
            if (RESERVED.contains(first)) {
                throw new IllegalArgumentException("pathPrefix " + pathPrefix + " is under /" + first
                        + ", which the host pages use");
            }
            for (String other : mounts.keySet()) {
                if (other.equals(pathPrefix) || other.startsWith(pathPrefix + "/") || pathPrefix.startsWith(other + "/")) {
                    throw new IllegalArgumentException("pathPrefix " + pathPrefix + " overlaps " + other);
                }
            }
            mounts.put(pathPrefix, handler);
            return this;
        }

        /** The server, not started yet. */
        public HostSimulatorServer build() {
            if (hubspotSoftphone == null || salesforceSoftphone == null) {
                throw new IllegalStateException("the host simulators need the softphone: softphoneOrigin(origin), or "
                        + "hubspotSoftphone(url) and salesforceSoftphone(url)");
            }
            return new HostSimulatorServer(this);
        }

        private static URI softphoneUrl(String name, String url) {
            Objects.requireNonNull(url, name);
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(name + " is not a URL: " + e.getMessage(), e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawFragment() != null || uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
                throw new IllegalArgumentException(name + " must be an absolute http(s) URL with a path and no "
                        + "fragment, e.g. https://phone.acme.example/static/hubspot/softphone.html, not '" + url + "'");
            }
            return uri;
        }
    }

    private final String bindAddress;
    private final int requestedPort;
    private final URI hubspotSoftphone;
    private final URI salesforceSoftphone;
    private final @Nullable TokenSource tokens;
    private final @Nullable InboundCalls inboundCalls;
    private final @Nullable CrmRecords records;
    private final @Nullable Path keystore;
    private final @Nullable String keystorePassword;
    private final @Nullable String homePage;
    private final ClassLoader resources;
    private final Map<String, Handler> mounts;
    private @Nullable Server server;
    private @Nullable ServerConnector connector;

    private HostSimulatorServer(Builder b) {
        this.bindAddress = b.bindAddress;
        this.requestedPort = b.port;
        this.hubspotSoftphone = Objects.requireNonNull(b.hubspotSoftphone);
        this.salesforceSoftphone = Objects.requireNonNull(b.salesforceSoftphone);
        this.tokens = b.tokens;
        this.inboundCalls = b.inboundCalls;
        this.records = b.records;
        this.keystore = b.keystore;
        this.keystorePassword = b.keystorePassword;
        this.homePage = b.homePage;
        this.mounts = Map.copyOf(b.mounts);
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
        http.setHost(bindAddress);
        http.setPort(requestedPort);
        jetty.addConnector(http);
        if (mounts.isEmpty()) {
            jetty.setHandler(new Pages());
        } else {
            ContextHandlerCollection contexts = new ContextHandlerCollection();
            mounts.forEach((prefix, handler) -> contexts.addHandler(new ContextHandler(handler, prefix)));
            contexts.addHandler(new ContextHandler(new Pages(), "/"));
            jetty.setHandler(contexts);
        }
        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot start the host simulators on " + bindAddress + ":"
                    + requestedPort, e);
        }
        server = jetty;
        connector = http;
        LOG.info("CRM host simulators listening on {}://{}:{}", keystore == null ? "http" : "https",
                bindAddress, http.getLocalPort());
    }

    /** Plain http, or https only from the keystore. */
    private ServerConnector connector(Server jetty) {
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        if (keystore == null) {
            return new ServerConnector(jetty, new HttpConnectionFactory(config));
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toString());
        ssl.setKeyStorePassword(keystorePassword);
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
                } else if (path.equals("/sim/hubspot/engagements")) {
                    engagement(request, response, callback, false);
                } else if (path.equals("/sim/hubspot/engagements/update")) {
                    engagement(request, response, callback, true);
                } else if (path.equals("/sim/records")) {
                    records(request, response, callback);
                } else if (path.equals("/sim/token")) {
                    token(request, response, callback);
                } else if (path.equals("/") && homePage != null) {
                    serve(response, request, callback, homePage, "html");
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

    /** Where each CRM's softphone lives, and which controls the pages offer. */
    private String config() {
        return "window.__simConfig = Object.freeze({\n"
                + "  hubspot: " + crm(hubspotSoftphone) + ",\n"
                + "  salesforce: " + crm(salesforceSoftphone) + ",\n"
                + "  tokens: " + (tokens != null) + ",\n"
                + "  inboundCalls: " + (inboundCalls != null) + ",\n"
                + "  records: " + (records != null) + "\n"
                + "});\n";
    }

    private static String crm(URI softphone) {
        return "Object.freeze({softphoneUrl: " + jsString(softphone.toString()) + ", softphoneOrigin: "
                + jsString(origin(softphone)) + "})";
    }

    /** scheme://host[:port], as a browser names the origin (no default port). */
    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private void token(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            Response.writeError(request, response, callback, 405);
            return;
        }
        TokenSource source = tokens;
        if (source == null) {
            Response.writeError(request, response, callback, 404, "no token source configured");
            return;
        }
        Fields query = Request.extractQueryParameters(request);
        String agent = query.getValue("agent");
        String crm = query.getValue("crm");
        if (agent == null || !AGENT.matcher(agent).matches() || !("hubspot".equals(crm) || "salesforce".equals(crm))) {
            Response.writeError(request, response, callback, 400,
                    "agent (letters, digits, . _ -) and crm (hubspot or salesforce) required");
            return;
        }
        String token;
        try {
            token = source.token(agent, crm);
        } catch (Exception e) {
            LOG.debug("the token source refused a {} token", crm, e);
            refuse(response, callback, "the token source refused: " + e.getMessage());
            return;
        }
        if (token == null || token.isBlank()) {
            refuse(response, callback, "the token source gave no token");
            return;
        }
        response.setStatus(200);
        send(response, callback, "json", ("{\"token\":" + jsString(token) + "}").getBytes(UTF_8));
    }

    private void ring(Request request, Response response, Callback callback) {
        if (!"POST".equals(request.getMethod())) {
            Response.writeError(request, response, callback, 405);
            return;
        }
        InboundCalls hook = inboundCalls;
        if (hook == null) {
            Response.writeError(request, response, callback, 404, "no inbound-call hook configured");
            return;
        }
        Fields query = Request.extractQueryParameters(request);
        String agent = query.getValue("agent");
        String from = query.getValue("from");
        if (agent == null || !AGENT.matcher(agent).matches() || from == null || from.isBlank()) {
            Response.writeError(request, response, callback, 400, "agent (letters, digits, . _ -) and from required");
            return;
        }
        String id;
        try {
            id = hook.ring(agent, from);
        } catch (Exception e) {
            LOG.debug("the inbound-call hook refused a call", e);
            refuse(response, callback, String.valueOf(e.getMessage()));
            return;
        }
        response.setStatus(200);
        send(response, callback, "json", ("{\"callId\":" + jsString(String.valueOf(id)) + "}").getBytes(UTF_8));
    }

    private void engagement(Request request, Response response, Callback callback, boolean update) {
        if (!"POST".equals(request.getMethod())) {
            Response.writeError(request, response, callback, 405);
            return;
        }
        CrmRecords hook = records;
        if (hook == null) {
            Response.writeError(request, response, callback, 404, "no CRM records configured");
            return;
        }
        EngagementRequest body;
        try {
            body = EngagementRequest.parse(Content.Source.asString(request, UTF_8), update);
        } catch (IllegalArgumentException e) {
            Response.writeError(request, response, callback, 400, e.getMessage());
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (update) {
            if (!hook.updateHubSpotEngagement(body.portalId(), Objects.requireNonNull(body.engagementId()),
                    body.properties())) {
                Response.writeError(request, response, callback, 404, "no such engagement in the portal");
                return;
            }
            send(response, callback, "json", ("{\"engagementId\":" + body.engagementId() + "}").getBytes(UTF_8));
            return;
        }
        long id = hook.createHubSpotEngagement(body.portalId(), body.properties());
        send(response, callback, "json", ("{\"engagementId\":" + id + "}").getBytes(UTF_8));
    }

    private void records(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            Response.writeError(request, response, callback, 405);
            return;
        }
        CrmRecords hook = records;
        if (hook == null) {
            Response.writeError(request, response, callback, 404, "no CRM records configured");
            return;
        }
        String crm = Request.extractQueryParameters(request).getValue("crm");
        if (!("hubspot".equals(crm) || "salesforce".equals(crm))) {
            Response.writeError(request, response, callback, 400, "crm (hubspot or salesforce) required");
            return;
        }
        send(response, callback, "json", RECORDS_JSON.writeValueAsBytes(Map.of("crm", crm, "records",
                hook.records(crm))));
    }

    private static void refuse(Response response, Callback callback, String message) {
        response.setStatus(409);
        send(response, callback, "json", ("{\"error\":" + jsString(message) + "}").getBytes(UTF_8));
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
