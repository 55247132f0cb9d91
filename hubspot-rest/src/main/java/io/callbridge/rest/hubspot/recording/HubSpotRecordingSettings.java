package io.callbridge.rest.hubspot.recording;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The recording endpoint of a vendor's public HubSpot app.
 *
 * @param appId the app's id (HubSpot sends it as {@code appId} with each look-up)
 * @param clientSecret the app's client secret, which HubSpot signs its requests with; never logged
 * @param urlTemplate the public URL registered as the app's {@code urlToRetrieveAuthedRecording}, with {@code %s} as
 *     its whole last path segment where HubSpot puts the call's external id (the call id), e.g.
 *     {@code https://calls.acme.example/hubspot/recordings/%s}; https, or http on a loopback host for development; no
 *     query. The endpoint is mounted at its path without {@code /%s}
 * @param maxSignatureAge how old a signed request's timestamp may be (HubSpot says 5 minutes)
 * @param apiBaseUrl HubSpot's API root, where "recording ready" goes ({@code https://api.hubapi.com})
 * @param requestTimeout how long a request to HubSpot may take
 */
public record HubSpotRecordingSettings(long appId, String clientSecret, String urlTemplate, Duration maxSignatureAge,
        URI apiBaseUrl, Duration requestTimeout) {

    public static final URI HUBSPOT_API = URI.create("https://api.hubapi.com");

    public HubSpotRecordingSettings {
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(urlTemplate, "urlTemplate");
        Objects.requireNonNull(maxSignatureAge, "maxSignatureAge");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (appId <= 0) {
            throw new IllegalArgumentException("appId must be the app's positive id but was " + appId);
        }
        if (clientSecret.isBlank() || clientSecret.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("clientSecret must be the app's client secret: non-blank, no spaces");
        }
        checkTemplate(urlTemplate);
        web("apiBaseUrl", apiBaseUrl);
        if (maxSignatureAge.compareTo(Duration.ofSeconds(30)) < 0 || maxSignatureAge.compareTo(Duration.ofMinutes(15))
                > 0) {
            throw new IllegalArgumentException("maxSignatureAge must be 30 s to 15 min but was " + maxSignatureAge);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.compareTo(Duration.ofMinutes(1))
                > 0) {
            throw new IllegalArgumentException("requestTimeout must be positive and at most a minute but was "
                    + requestTimeout);
        }
    }

    /** HubSpot's API, 5-minute signatures, 10-second requests. */
    public static HubSpotRecordingSettings of(long appId, String clientSecret, String urlTemplate) {
        return new HubSpotRecordingSettings(appId, clientSecret, urlTemplate, Duration.ofMinutes(5), HUBSPOT_API,
                Duration.ofSeconds(10));
    }

    public HubSpotRecordingSettings withApiBaseUrl(URI apiBaseUrl) {
        return new HubSpotRecordingSettings(appId, clientSecret, urlTemplate, maxSignatureAge, apiBaseUrl,
                requestTimeout);
    }

    /** The path the endpoint is mounted at: the template's path without its last segment. */
    public String routePrefix() {
        String path = URI.create(urlTemplate.replace("%s", "x")).getPath();
        return path.substring(0, path.length() - "/x".length());
    }

    /** The URL HubSpot calls for {@code externalId}, without the query. */
    String urlFor(String externalId) {
        return urlTemplate.replace("%s", externalId);
    }

    static void checkTemplate(String template) {
        Objects.requireNonNull(template, "urlTemplate");
        String t = template;
        int at = t.indexOf("%s");
        if (at < 0 || t.indexOf("%s", at + 1) >= 0) {
            throw new IllegalArgumentException("urlTemplate must contain %s exactly once (where HubSpot puts the "
                    + "call's external id) but was " + t);
        }
        if (!t.endsWith("/%s")) {
            throw new IllegalArgumentException("urlTemplate must end with /%s (the external id as the last path "
                    + "segment, no query) but was " + t);
        }
        URI uri;
        try {
            uri = URI.create(t.replace("%s", "x"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("urlTemplate is not a URL: " + t, e);
        }
        web("urlTemplate", uri);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("urlTemplate must have no query or fragment but was " + t);
        }
        String path = uri.getPath();
        if (path == null || path.length() <= "/x".length()) {
            throw new IllegalArgumentException("urlTemplate must have a path before /%s, e.g. "
                    + "https://calls.acme.example/hubspot/recordings/%s, but was " + t);
        }
    }

    private static void web(String field, URI uri) {
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException(field + " must be an absolute URL with a host but was " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException(field + " must use https (http only on a loopback host) but was "
                    + uri);
        }
    }

    @Override
    public String toString() {
        return "HubSpotRecordingSettings[appId=" + appId + ", clientSecret=****, urlTemplate=" + urlTemplate
                + ", maxSignatureAge=" + maxSignatureAge + ", apiBaseUrl=" + apiBaseUrl + ", requestTimeout="
                + requestTimeout + "]";
    }
}
