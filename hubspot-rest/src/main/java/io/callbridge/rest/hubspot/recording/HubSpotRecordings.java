package io.callbridge.rest.hubspot.recording;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.CallRecording;
import io.callbridge.core.spi.TelephonyException;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.rest.hubspot.HubSpotAccessTokens;
import io.callbridge.rest.hubspot.HubSpotAuthException;
import io.callbridge.transport.websocket.HttpRequest;
import io.callbridge.transport.websocket.HttpResponse;
import io.callbridge.transport.websocket.HttpRoute;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call recordings for HubSpot.
 *
 * <p>{@link #route()} answers HubSpot's recording look-ups: HubSpot calls the app's {@code urlToRetrieveAuthedRecording}
 * with the call's external id (the call id) in place of {@code %s} and {@code ?appId=…&externalAccountId=…}, signed
 * with the app's client secret ({@code X-HubSpot-Signature-v3}); a valid request gets
 * {@code {"authenticatedUrl": …}} from {@link TelephonyProvider#recording}, 404 when there is none; a missing, wrong
 * or older than {@link HubSpotRecordingSettings#maxSignatureAge} signature gets 401 with a JSON {@code message}.
 *
 * <p>{@link #markReady} tells HubSpot, after a call with a recording was logged, that the recording is ready, so that
 * HubSpot fetches and transcribes it ({@code POST /crm/extensions/calling/2026-03/recordings/ready}); a 401 makes
 * the token {@link HubSpotAccessTokens#refused refused} and is tried once more with a fresh one. Recording links and
 * tokens are never logged. Thread-safe.
 */
public final class HubSpotRecordings {
    static final String READY_PATH = "/crm/extensions/calling/2026-03/recordings/ready";

    private static final Logger LOG = LoggerFactory.getLogger(HubSpotRecordings.class);
    private static final int MAX_QUERY_PARAMETERS = 4;

    private final HubSpotRecordingSettings settings;
    private final TelephonyProvider phone;
    private final HubSpotAccessTokens tokens;
    private final Clock clock;
    private final HttpClient http;

    @Inject
    public HubSpotRecordings(HubSpotRecordingSettings settings, TelephonyProvider phone, HubSpotAccessTokens tokens,
            Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.phone = Objects.requireNonNull(phone, "phone");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The endpoint at {@link HubSpotRecordingSettings#routePrefix()}. */
    public HttpRoute route() {
        return HttpRoute.of(settings.routePrefix(), this::lookUp);
    }

    /**
     * Tells HubSpot the recording of the call logged as {@code engagementId} in {@code portalId} is ready.
     *
     * @throws HubSpotAuthException when there is no token for the portal
     * @throws IOException when HubSpot cannot be reached or refuses (the message has the status and HubSpot's category,
     *     codes and fields, never HubSpot's message text, which may quote what was sent)
     */
    public void markReady(long portalId, long engagementId)
            throws HubSpotAuthException, IOException, InterruptedException {
        if (engagementId <= 0) {
            throw new IllegalArgumentException("engagementId must be positive but was " + engagementId);
        }
        String body = new RecordingReadyRequest(engagementId).toJson();
        for (int attempt = 1; ; attempt++) {
            String token = tokens.accessToken(portalId);
            java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                            URI.create(base() + READY_PATH))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, UTF_8)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString(UTF_8));
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                LOG.debug("Told HubSpot portal {} that engagement {}'s recording is ready", portalId, engagementId);
                return;
            }
            if (status == 401 && attempt == 1) {
                tokens.refused(portalId, token);
                continue;
            }
            throw new IOException("HubSpot refused \"recording ready\" for engagement " + engagementId + " of portal "
                    + portalId + ": HTTP " + status + " " + HubSpotErrorBody.parse(response.body()).summary());
        }
    }

    /**
     * {@link #markReady} if the phone system has a recording of {@code callId}; otherwise nothing (logged at DEBUG).
     *
     * @return whether HubSpot was told
     */
    public boolean markReadyIfRecorded(long portalId, long engagementId, CallId callId)
            throws HubSpotAuthException, IOException, InterruptedException {
        Optional<CallRecording> recording;
        try {
            recording = phone.recording(callId);
        } catch (TelephonyException e) {
            throw new IOException("the phone system could not say whether call " + callId + " was recorded: "
                    + e.getMessage(), e);
        }
        if (recording.isEmpty()) {
            LOG.debug("Call {} has no recording: HubSpot is not told of one", callId);
            return false;
        }
        markReady(portalId, engagementId);
        return true;
    }

    // ---------------------------------------------------------------- the look-up endpoint

    private HttpResponse lookUp(HttpRequest request) {
        if (!request.method().equals("GET")) {
            return error(405, "GET only").withHeader("Allow", "GET");
        }
        String externalId = request.pathInRoute().startsWith("/") ? request.pathInRoute().substring(1) : "";
        if (externalId.isEmpty() || externalId.contains("/")) {
            return error(404, "no such recording");
        }
        String refusal = signatureRefusal(request, externalId);
        if (refusal != null) {
            LOG.debug("Refused a recording look-up: {}", refusal);
            return error(401, refusal);
        }
        String appId = request.queryParameter("appId");
        if (appId != null && !appId.equals(Long.toString(settings.appId()))) {
            return error(404, "not a recording of app " + appId);
        }
        CallId callId;
        try {
            callId = CallId.of(externalId);
        } catch (IllegalArgumentException e) {
            return error(404, "no such recording");
        }
        Optional<CallRecording> recording;
        try {
            recording = phone.recording(callId);
        } catch (TelephonyException e) {
            LOG.warn("The phone system could not look up a recording: {}", e.getMessage());
            return error(503, "the phone system cannot say right now; try again later");
        }
        if (recording.isEmpty()) {
            return error(404, "no recording for this call");
        }
        return HttpResponse.json(200, new RecordingLookupResponse(recording.get().url()).toJson())
                .withHeader("Cache-Control", "no-store");
    }

    /** Why the request's signature is not accepted, or null if it is. */
    private @org.jspecify.annotations.Nullable String signatureRefusal(HttpRequest request, String externalId) {
        String signature = request.header(HubSpotSignatureV3.SIGNATURE_HEADER);
        String timestamp = request.header(HubSpotSignatureV3.TIMESTAMP_HEADER);
        if (signature == null || timestamp == null) {
            return "missing " + HubSpotSignatureV3.SIGNATURE_HEADER + " or " + HubSpotSignatureV3.TIMESTAMP_HEADER;
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return HubSpotSignatureV3.TIMESTAMP_HEADER + " must be epoch milliseconds";
        }
        Instant sent = Instant.ofEpochMilli(millis);
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(settings.maxSignatureAge())) || sent.isAfter(now.plus(settings.maxSignatureAge()))) {
            return "the request's timestamp is more than " + settings.maxSignatureAge().toMinutes()
                    + " minutes away from now";
        }
        if (request.query().size() > MAX_QUERY_PARAMETERS) {
            return "too many query parameters";
        }
        String body = request.bodyText();
        // The id as it stood in the URL HubSpot signed: as it is, or percent-encoded (the server decoded it).
        for (String id : new java.util.LinkedHashSet<>(List.of(externalId, enc(externalId)))) {
            String url = settings.urlFor(id);
            for (String query : queries(request.query())) {
                String uri = query.isEmpty() ? url : url + "?" + query;
                if (HubSpotSignatureV3.matches(settings.clientSecret(), request.method(), uri, body, timestamp.strip(),
                        signature)) {
                    return null;
                }
            }
        }
        return "the signature does not match (signed with another secret, or the request was changed)";
    }

    /** Every order of the query's parameters (the server does not keep it), as HubSpot would have written them. */
    private static List<String> queries(Map<String, List<String>> query) {
        List<String> pairs = new ArrayList<>();
        query.forEach((name, values) -> values.forEach(v -> pairs.add(enc(name) + "=" + enc(v))));
        List<String> orders = new ArrayList<>();
        permute(pairs, 0, orders);
        return orders;
    }

    private static void permute(List<String> pairs, int from, List<String> out) {
        if (from >= pairs.size() - 1) {
            out.add(String.join("&", pairs));
            return;
        }
        for (int i = from; i < pairs.size(); i++) {
            java.util.Collections.swap(pairs, from, i);
            permute(pairs, from + 1, out);
            java.util.Collections.swap(pairs, from, i);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, UTF_8).replace("+", "%20");
    }

    private static HttpResponse error(int status, String message) {
        return HttpResponse.json(status, new LookupError(message).toJson()).withHeader("Cache-Control", "no-store");
    }

    private String base() {
        String base = settings.apiBaseUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
