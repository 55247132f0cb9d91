package io.callbridge.rest.hubspot.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * HubSpot's v3 token endpoints ({@code /oauth/v3/token}, {@code /oauth/v3/token/introspect}): every parameter,
 * the client secret among them, in the form body, never in the URL.
 */
final class TokenEndpoint {

    /** HubSpot answered, and refused. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int httpStatus;
        final OAuthErrorBody body;

        Refused(int httpStatus, OAuthErrorBody body) {
            super(body.summary(httpStatus));
            this.httpStatus = httpStatus;
            this.body = body;
        }

        /** The grant itself is refused (not our configuration, not HubSpot's health). */
        boolean grantRefused() {
            return httpStatus == 400 && body.grantRefused();
        }

        /** Worth trying again later: HubSpot is down or busy. */
        boolean transientFailure() {
            return httpStatus >= 500 || httpStatus == 429;
        }
    }

    private final HttpClient http;
    private final HubSpotOAuthSettings settings;

    TokenEndpoint(HttpClient http, HubSpotOAuthSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    TokenResponse exchangeCode(String code) throws IOException, InterruptedException, Refused {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        form.put("redirect_uri", settings.redirectUri().toString());
        form.put("code", code);
        return token(form);
    }

    TokenResponse refresh(String refreshToken) throws IOException, InterruptedException, Refused {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        form.put("refresh_token", refreshToken);
        return token(form);
    }

    /** The portal an access token belongs to, from the introspection endpoint; null if HubSpot does not say. */
    @Nullable Long portalOf(String accessToken) throws IOException, InterruptedException, Refused {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        form.put("token", accessToken);
        form.put("token_type_hint", "access_token");
        HttpResponse<String> response = post("/oauth/v3/token/introspect", form);
        if (response.statusCode() != 200) {
            throw new Refused(response.statusCode(), OAuthErrorBody.parse(response.body()));
        }
        return IntrospectionResponse.parse(response.body()).activeHubId();
    }

    private TokenResponse token(Map<String, String> form) throws IOException, InterruptedException, Refused {
        HttpResponse<String> response = post("/oauth/v3/token", form);
        if (response.statusCode() != 200) {
            throw new Refused(response.statusCode(), OAuthErrorBody.parse(response.body()));
        }
        try {
            return TokenResponse.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(endpoint(path))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
    }

    private URI endpoint(String path) {
        String base = settings.apiBaseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }
}
