package io.callbridge.crmsim.rest.hubspot;

import static io.callbridge.crmsim.rest.hubspot.HubSpotOAuthSimHttp.oauthError;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URLEncoder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * HubSpot's OAuth side for one app, as strict as HubSpot's: the authorize page ({@code GET /oauth/authorize}, which
 * consents at once as the portal set with {@link #consentAs} and redirects back with a code), the token endpoint
 * ({@code POST /oauth/v3/token}; grants {@code authorization_code} and {@code refresh_token}, parameters in the form
 * body only) and token introspection ({@code POST /oauth/v3/token/introspect}). Codes are single-use and last
 * {@link #CODE_LIFETIME}; access tokens last {@link #ACCESS_TOKEN_LIFETIME} and are issued into the shared
 * {@link HubSpotPortalTokens}; a refresh answers with the same refresh token, as HubSpot does. Refusals carry HubSpot's
 * body: {@code {"status":"BAD_REFRESH_TOKEN","message":…,"correlationId":…}} with 400. Thread-safe; counts requests.
 *
 * <p>Answers {@code false} (not handled) for other paths, so it can sit in a {@link Handler.Sequence} with the other
 * simulated endpoints.
 */
public final class HubSpotOAuthSimulator extends Handler.Abstract {
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(30);
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HubSpotPortalTokens tokens;
    private final Clock clock;
    private final long appId;
    private final String clientId;
    private final String clientSecret;
    private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Install> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicInteger codeExchanges = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger introspections = new AtomicInteger();
    private volatile long consentingPortal;
    private volatile boolean omitHubId;

    private record Code(long portalId, String redirectUri, List<String> scopes, Instant expiresAt) { }

    private record Install(long portalId, List<String> scopes) { }

    public HubSpotOAuthSimulator(HubSpotPortalTokens tokens, Clock clock, long appId, String clientId,
            String clientSecret) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.appId = appId;
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    }

    /** A redirect URI registered in the app's settings; the authorize page and the token endpoint accept only these. */
    public HubSpotOAuthSimulator allowRedirectUri(String redirectUri) {
        redirectUris.add(Objects.requireNonNull(redirectUri, "redirectUri"));
        return this;
    }

    /** The portal whose user consents on the authorize page (none by default: the page answers 403). */
    public HubSpotOAuthSimulator consentAs(long portalId) {
        this.consentingPortal = portalId;
        return this;
    }

    /** Answers tokens without {@code hub_id}, as HubSpot did before August 2025 (the portal is then introspected). */
    public HubSpotOAuthSimulator omitHubId(boolean omit) {
        this.omitHubId = omit;
        return this;
    }

    /** A code as the authorize page would hand out for {@code portalId}'s consent. */
    public String issueCode(long portalId, String redirectUri, List<String> scopes) {
        String code = "code-" + random(12);
        codes.put(code, new Code(portalId, redirectUri, List.copyOf(scopes), clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    /** The portal uninstalls the app: its refresh tokens stop working (its access tokens, until they expire, not). */
    public void uninstall(long portalId) {
        refreshTokens.values().removeIf(install -> install.portalId() == portalId);
    }

    public int codeExchanges() {
        return codeExchanges.get();
    }

    /** Refresh requests received, answered or refused. */
    public int refreshes() {
        return refreshes.get();
    }

    public int introspections() {
        return introspections.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        switch (path) {
            case "/oauth/authorize" -> authorize(request, response, callback);
            case "/oauth/v3/token" -> token(request, response, callback);
            case "/oauth/v3/token/introspect" -> introspect(request, response, callback);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void authorize(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String redirectUri = query.getValue("redirect_uri");
        String scope = query.getValue("scope");
        if (!clientId.equals(query.getValue("client_id"))) {
            Response.writeError(request, response, callback, 400, "unknown client_id");
            return;
        }
        if (redirectUri == null || !redirectUris.contains(redirectUri)) {
            Response.writeError(request, response, callback, 400, "redirect_uri does not match the app's settings");
            return;
        }
        if (scope == null || scope.isBlank()) {
            Response.writeError(request, response, callback, 400, "scope is required");
            return;
        }
        if (consentingPortal == 0) {
            Response.writeError(request, response, callback, 403, "nobody consents");
            return;
        }
        List<String> scopes = Arrays.stream(scope.strip().split(" +")).toList();
        String code = issueCode(consentingPortal, redirectUri, scopes);
        String state = query.getValue("state");
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + enc(code)
                + (state == null ? "" : "&state=" + enc(state));
        response.setStatus(302);
        response.getHeaders().put(HttpHeader.LOCATION, URI.create(location).toString());
        response.write(true, null, callback);
    }

    private void token(Request request, Response response, Callback callback) throws Exception {
        if (!"POST".equals(request.getMethod())) {
            Response.writeError(request, response, callback, 405);
            return;
        }
        if (request.getHttpURI().getQuery() != null) {
            HubSpotOAuthSimHttp.json(response, callback, 400, oauthError("BAD_REQUEST",
                    "the v3 token endpoint takes its parameters in the body, not the query"));
            return;
        }
        Map<String, String> form = HubSpotOAuthSimHttp.form(HubSpotOAuthSimHttp.body(request));
        String grant = form.get("grant_type");
        if ("refresh_token".equals(grant)) {
            refreshes.incrementAndGet();
        } else if ("authorization_code".equals(grant)) {
            codeExchanges.incrementAndGet();
        } else {
            HubSpotOAuthSimHttp.json(response, callback, 400, oauthError("BAD_GRANT_TYPE",
                    "grant_type must be authorization_code or refresh_token"));
            return;
        }
        if (!clientId.equals(form.get("client_id"))) {
            HubSpotOAuthSimHttp.json(response, callback, 400, oauthError("BAD_CLIENT_ID", "missing or invalid client id"));
            return;
        }
        if (!clientSecret.equals(form.get("client_secret"))) {
            HubSpotOAuthSimHttp.json(response, callback, 400,
                    oauthError("BAD_CLIENT_SECRET", "missing or invalid client secret"));
            return;
        }
        Install install;
        String refreshToken;
        if ("authorization_code".equals(grant)) {
            String given = form.get("code");
            Code code = given == null ? null : codes.remove(given);
            if (code == null || !clock.instant().isBefore(code.expiresAt())) {
                HubSpotOAuthSimHttp.json(response, callback, 400,
                        oauthError("BAD_AUTH_CODE", "missing, used or expired auth code"));
                return;
            }
            if (!code.redirectUri().equals(form.get("redirect_uri"))) {
                HubSpotOAuthSimHttp.json(response, callback, 400,
                        oauthError("BAD_REDIRECT_URI", "redirect_uri does not match the one the code was issued to"));
                return;
            }
            install = new Install(code.portalId(), code.scopes());
            refreshToken = "na1-" + random(16);
            refreshTokens.put(refreshToken, install);
        } else {
            refreshToken = form.get("refresh_token");
            install = refreshToken == null ? null : refreshTokens.get(refreshToken);
            if (install == null) {
                HubSpotOAuthSimHttp.json(response, callback, 400,
                        oauthError("BAD_REFRESH_TOKEN", "missing or invalid refresh token"));
                return;
            }
        }
        String accessToken = "sim-at-" + random(24);
        tokens.accept(accessToken, install.portalId(), clock.instant().plus(ACCESS_TOKEN_LIFETIME));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "bearer");
        body.put("refresh_token", refreshToken);
        body.put("access_token", accessToken);
        body.put("expires_in", ACCESS_TOKEN_LIFETIME.toSeconds());
        if (!omitHubId) {
            body.put("hub_id", install.portalId());
            body.put("scopes", install.scopes());
        }
        HubSpotOAuthSimHttp.json(response, callback, 200, body);
    }

    private void introspect(Request request, Response response, Callback callback) throws Exception {
        if (!"POST".equals(request.getMethod())) {
            Response.writeError(request, response, callback, 405);
            return;
        }
        introspections.incrementAndGet();
        Map<String, String> form = HubSpotOAuthSimHttp.form(HubSpotOAuthSimHttp.body(request));
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            HubSpotOAuthSimHttp.json(response, callback, 400,
                    oauthError("BAD_CLIENT_SECRET", "missing or invalid client credentials"));
            return;
        }
        String token = form.getOrDefault("token", "");
        Map<String, Object> body = new LinkedHashMap<>();
        Install install = refreshTokens.get(token);
        if (install != null) {
            body.put("active", true);
            body.put("token_use", "refresh_token");
            body.put("hub_id", install.portalId());
            body.put("app_id", appId);
            body.put("client_id", clientId);
            body.put("scopes", install.scopes());
        } else if (tokens.check(token) instanceof HubSpotPortalTokens.Check.Valid valid) {
            body.put("active", true);
            body.put("token_use", "access_token");
            body.put("hub_id", valid.portalId());
            body.put("app_id", appId);
            body.put("client_id", clientId);
            body.put("expires_in", Math.max(0, Duration.between(clock.instant(),
                    tokens.grant(token).orElseThrow().expiresAt()).toSeconds()));
        } else {
            body.put("active", false);
        }
        HubSpotOAuthSimHttp.json(response, callback, 200, body);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, UTF_8);
    }
}
