package io.callbridge.crmsim.rest.hubspot;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot's side of call recordings. As a handler: {@code POST /crm/extensions/calling/2026-03/recordings/ready}
 * (and the older {@code /crm/v3/extensions/calling/recordings/ready}) with a portal's bearer token and
 * {@code {"engagementId":…}} (a positive whole number, no other field) answers 204 and remembers the engagement;
 * a missing, unknown or expired token gets 401, a bad body 400, with HubSpot's error body. As a client,
 * {@link #lookUp} does what HubSpot does when a user opens a recorded call: calls the app's recording URL template
 * with the call's external id, signed ({@code X-HubSpot-Signature-v3}) with the app's client secret, and reads the
 * {@code authenticatedUrl} it answers. Thread-safe.
 */
public final class HubSpotRecordingSimulator extends Handler.Abstract {
    public static final String READY_PATH = "/crm/extensions/calling/2026-03/recordings/ready";
    public static final String LEGACY_READY_PATH = "/crm/v3/extensions/calling/recordings/ready";

    /** One engagement a portal marked as having its recording ready. */
    public record Ready(long portalId, long engagementId) { }

    /** What the app's recording endpoint answered a look-up. */
    public record LookUp(int status, String body, String authenticatedUrl) { }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final HubSpotPortalTokens tokens;
    private final Clock clock;
    private final List<Ready> ready = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    public HubSpotRecordingSimulator(HubSpotPortalTokens tokens, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The engagements marked ready so far, in order. */
    public List<Ready> ready() {
        synchronized (ready) {
            return List.copyOf(ready);
        }
    }

    /** Requests to the ready endpoint, accepted or not. */
    public int requests() {
        return requests.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.equals(READY_PATH) && !path.equals(LEGACY_READY_PATH)) {
            return false;
        }
        requests.incrementAndGet();
        if (!"POST".equals(request.getMethod())) {
            Response.writeError(request, response, callback, 405);
            return true;
        }
        String token = HubSpotOAuthSimHttp.bearer(request);
        HubSpotPortalTokens.Check check = token == null ? new HubSpotPortalTokens.Check.Unknown()
                : tokens.check(token);
        if (check instanceof HubSpotPortalTokens.Check.Expired) {
            HubSpotOAuthSimHttp.json(response, callback, 401, HubSpotOAuthSimHttp.apiError("EXPIRED_AUTHENTICATION",
                    "The OAuth token used to make this call expired."));
            return true;
        }
        if (!(check instanceof HubSpotPortalTokens.Check.Valid valid)) {
            HubSpotOAuthSimHttp.json(response, callback, 401, HubSpotOAuthSimHttp.apiError("INVALID_AUTHENTICATION",
                    "Authentication credentials not found."));
            return true;
        }
        JsonNode body;
        try {
            body = HubSpotOAuthSimHttp.JSON.readTree(HubSpotOAuthSimHttp.body(request));
        } catch (JacksonException e) {
            HubSpotOAuthSimHttp.json(response, callback, 400, HubSpotOAuthSimHttp.apiError("VALIDATION_ERROR",
                    "Invalid input JSON: the body is not JSON"));
            return true;
        }
        if (body == null || !body.isObject()) {
            HubSpotOAuthSimHttp.json(response, callback, 400,
                    HubSpotOAuthSimHttp.validationError("engagementId", "The body must be an object"));
            return true;
        }
        for (String field : body.propertyNames()) {
            if (!field.equals("engagementId")) {
                HubSpotOAuthSimHttp.json(response, callback, 400,
                        HubSpotOAuthSimHttp.validationError(field, "Unrecognized field \"" + field + "\""));
                return true;
            }
        }
        JsonNode id = body.get("engagementId");
        if (id == null || !id.isIntegralNumber() || id.longValue() <= 0) {
            HubSpotOAuthSimHttp.json(response, callback, 400, HubSpotOAuthSimHttp.validationError("engagementId",
                    "engagementId is required and must be a positive whole number"));
            return true;
        }
        synchronized (ready) {
            ready.add(new Ready(valid.portalId(), id.longValue()));
        }
        HubSpotOAuthSimHttp.empty(response, callback, 204);
        return true;
    }

    /**
     * What HubSpot does to play a recording: GET the template with {@code %s} replaced by {@code externalId} and
     * {@code ?appId=…&externalAccountId=…}, signed with {@code clientSecret} at the clock's time.
     */
    public LookUp lookUp(String urlTemplate, String externalId, long appId, String externalAccountId,
            String clientSecret) throws Exception {
        return lookUp(urlTemplate, externalId, appId, externalAccountId, clientSecret, clock.millis());
    }

    /** {@link #lookUp} with the signature's timestamp given (to send an old one). */
    public LookUp lookUp(String urlTemplate, String externalId, long appId, String externalAccountId,
            String clientSecret, long timestampMillis) throws Exception {
        String uri = urlTemplate.replace("%s", URLEncoder.encode(externalId, UTF_8)) + "?appId=" + appId
                + "&externalAccountId=" + URLEncoder.encode(externalAccountId, UTF_8);
        String timestamp = Long.toString(timestampMillis);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(20))
                .header("X-HubSpot-Signature-v3", signV3(clientSecret, "GET", uri, "", timestamp))
                .header("X-HubSpot-Request-Timestamp", timestamp)
                .GET().build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        String url = "";
        if (response.statusCode() == 200) {
            JsonNode node = HubSpotOAuthSimHttp.JSON.readTree(response.body());
            JsonNode value = node == null ? null : node.get("authenticatedUrl");
            if (value == null || !value.isString() || !value.asString().startsWith("https://")) {
                throw new IllegalStateException("the recording endpoint answered 200 without an https authenticatedUrl");
            }
            url = value.asString();
        }
        return new LookUp(response.statusCode(), response.body(), url);
    }

    /** HubSpot's v3 signature: Base64(HMAC-SHA256(secret, method + uri + body + timestamp)), some escapes decoded. */
    public static String signV3(String clientSecret, String method, String uri, String body, String timestamp) {
        String decoded = uri;
        for (Map.Entry<String, String> e : Map.ofEntries(Map.entry("%3A", ":"), Map.entry("%2F", "/"),
                Map.entry("%3F", "?"), Map.entry("%40", "@"), Map.entry("%21", "!"), Map.entry("%24", "$"),
                Map.entry("%27", "'"), Map.entry("%28", "("), Map.entry("%29", ")"), Map.entry("%2A", "*"),
                Map.entry("%2C", ","), Map.entry("%3B", ";")).entrySet()) {
            decoded = decoded.replace(e.getKey(), e.getValue()).replace(e.getKey().toLowerCase(java.util.Locale.ROOT),
                    e.getValue());
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((method + decoded + body + timestamp)
                    .getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
