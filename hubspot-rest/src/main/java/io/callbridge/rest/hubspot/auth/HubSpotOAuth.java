package io.callbridge.rest.hubspot.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.core.spi.Versioned;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth for a vendor's public HubSpot app that many portals install: the install endpoint (redirects the browser to
 * HubSpot's authorize page with the app's client id, scopes, redirect URI and a signed, expiring, single-use
 * {@code state}), the callback endpoint (checks the state, exchanges the code at {@code /oauth/v3/token}, learns the
 * portal from the answer's {@code hub_id} or the introspection endpoint, and stores the tokens) and, as
 * {@link HubSpotAccessTokens}, the portal's access token, refreshed when its stored expiry is less than
 * {@link #REFRESH_MARGIN} away (HubSpot's access tokens last 30 minutes).
 *
 * <p>Tokens live in the {@link CrmStateStore} under {@value #NAMESPACE}, key = the portal id, as JSON. One refresh per
 * expiry, however many threads and nodes ask at once: in one process the askers of a portal queue on a lock; across
 * nodes the first to mark the stored value "refreshing" (a compare-and-set) asks HubSpot and the others re-read until
 * it has written the new token (or its claim runs out). A refresh HubSpot refuses ({@code BAD_REFRESH_TOKEN} or
 * {@code invalid_grant}: the portal uninstalled the app) is remembered, and every ask fails with
 * {@link HubSpotAuthException} until the portal installs the app again. When HubSpot is down, a token that has not
 * yet expired is still handed out.
 *
 * <p>Tokens and the client secret are never logged. Thread-safe.
 */
public final class HubSpotOAuth implements HubSpotAccessTokens {
    public static final String NAMESPACE = "hubspot.tokens";
    /** A stored token is refreshed when it expires in less than this. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(HubSpotOAuth.class);
    /** Refresh tokens do not expire; the value is rewritten at least every half hour while the portal is in use. */
    private static final Duration STORE_TTL = Duration.ofDays(3650);
    private static final long POLL_MILLIS = 20;

    private final HubSpotOAuthSettings settings;
    private final CrmStateStore store;
    private final Clock clock;
    private final TokenEndpoint endpoint;
    private final OAuthState states;
    private final Duration claim;
    private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Inject
    public HubSpotOAuth(HubSpotOAuthSettings settings, CrmStateStore store, Clock clock) {
        this(settings, store, clock, HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    HubSpotOAuth(HubSpotOAuthSettings settings, CrmStateStore store, Clock clock, HttpClient http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endpoint = new TokenEndpoint(http, settings);
        this.states = new OAuthState(settings.clientSecret(), settings.stateLifetime(), clock, store);
        this.claim = settings.requestTimeout().multipliedBy(2).plusSeconds(5);
    }

    // ---------------------------------------------------------------- HubSpotAccessTokens

    @Override
    public String accessToken(long portalId) throws HubSpotAuthException, InterruptedException {
        StoredTokens stored = read(portalId).value();
        if (usable(stored)) {
            return stored.accessToken();
        }
        ReentrantLock lock = locks.computeIfAbsent(portalId, p -> new ReentrantLock());
        lock.lockInterruptibly();
        try {
            return refreshed(portalId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void refused(long portalId, String token) {
        Optional<Versioned<String>> current = store.get(NAMESPACE, key(portalId));
        if (current.isEmpty()) {
            return;
        }
        StoredTokens stored;
        try {
            stored = StoredTokens.fromJson(current.get().value());
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!stored.accessToken().equals(token)) {
            return; // already replaced
        }
        boolean marked = store.compareAndSet(NAMESPACE, key(portalId), current.get().version(),
                stored.expired().toJson(), STORE_TTL).isPresent();
        LOG.debug("HubSpot refused portal {}'s access token; {}", portalId,
                marked ? "the next ask refreshes it" : "it was replaced meanwhile");
    }

    /** Whether {@code portalId} installed the app (tokens are stored for it, whatever their state). */
    public boolean installed(long portalId) {
        return store.get(NAMESPACE, key(portalId)).isPresent();
    }

    // ---------------------------------------------------------------- the endpoints

    /** {@code GET <installPath>}: redirects to HubSpot's authorize page. Link portals' admins here. */
    public HttpRoute installRoute() {
        return HttpRoute.of(settings.installPath(), this::install);
    }

    /** {@code GET <callbackPath>?code=…&state=…}: where HubSpot sends the browser back (the redirect URI). */
    public HttpRoute callbackRoute() {
        return HttpRoute.of(settings.callbackPath(), this::callback);
    }

    /** The URL of HubSpot's authorize page for a new install, with a fresh state. */
    public URI authorizeUrl() {
        StringBuilder url = new StringBuilder(settings.authorizeUrl().toString());
        url.append(settings.authorizeUrl().getRawQuery() == null ? '?' : '&');
        url.append("client_id=").append(enc(settings.clientId()));
        url.append("&scope=").append(enc(String.join(" ", settings.scopes())));
        if (!settings.optionalScopes().isEmpty()) {
            url.append("&optional_scope=").append(enc(String.join(" ", settings.optionalScopes())));
        }
        url.append("&redirect_uri=").append(enc(settings.redirectUri().toString()));
        url.append("&state=").append(enc(states.issue()));
        return URI.create(url.toString());
    }

    private HttpResponse install(HttpRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return HttpResponse.text(405, "GET only").withHeader("Allow", "GET");
        }
        return HttpResponse.empty(302).withHeader("Location", authorizeUrl().toString())
                .withHeader("Cache-Control", "no-store");
    }

    private HttpResponse callback(HttpRequest request) throws InterruptedException {
        if (!request.method().equals("GET")) {
            return HttpResponse.text(405, "GET only").withHeader("Allow", "GET");
        }
        String error = request.queryParameter("error");
        if (error != null) {
            LOG.debug("A HubSpot install was not granted: {}", error);
            return page(400, "The app was not installed: HubSpot said " + clip(error)
                    + ". Start again from the install link.");
        }
        String state = request.queryParameter("state");
        String code = request.queryParameter("code");
        if (state == null || state.isBlank()) {
            return page(400, "The install link's state is missing. Start again from the install link.");
        }
        if (code == null || code.isBlank()) {
            return page(400, "HubSpot's code is missing. Start again from the install link.");
        }
        try {
            states.accept(state);
        } catch (OAuthState.Rejected e) {
            LOG.debug("A HubSpot install callback was refused: {}", e.getMessage());
            return page(400, "Not installed: " + e.getMessage() + ". Start again from the install link.");
        }
        TokenResponse tokens;
        long portalId;
        try {
            tokens = endpoint.exchangeCode(code);
            Long hub = tokens.hubId() != null ? tokens.hubId() : endpoint.portalOf(tokens.accessToken());
            if (hub == null) {
                LOG.warn("HubSpot's token answers did not say which portal installed the app; nothing stored");
                return page(502, "HubSpot did not say which portal installed the app. Try again.");
            }
            portalId = hub;
        } catch (TokenEndpoint.Refused e) {
            LOG.warn("HubSpot refused an install's code: {}", e.getMessage());
            return page(e.transientFailure() ? 502 : 400, "HubSpot refused the install (" + e.body.summary(
                    e.httpStatus) + "). Start again from the install link.");
        } catch (IOException e) {
            LOG.warn("HubSpot's token endpoint could not be reached for an install: {}", e.toString());
            return page(502, "HubSpot could not be reached. Try again.");
        }
        if (tokens.refreshToken() == null) {
            return page(502, "HubSpot's answer had no refresh token. Try again.");
        }
        StoredTokens stored = new StoredTokens(portalId, tokens.accessToken(), tokens.refreshToken(),
                clock.instant().plusSeconds(tokens.expiresInSeconds()), tokens.scopes(), null, null);
        write(portalId, stored);
        LOG.info("HubSpot portal {} installed the app", portalId);
        if (settings.installedRedirect() != null) {
            String target = settings.installedRedirect().toString();
            return HttpResponse.empty(302).withHeader("Location", target + (target.contains("?") ? "&" : "?")
                    + "portalId=" + portalId).withHeader("Cache-Control", "no-store");
        }
        return page(200, "Installed: calls can now be logged to HubSpot portal " + portalId + ".");
    }

    // ---------------------------------------------------------------- refreshing

    /** Under the portal's lock: the stored token if another thread or node refreshed it meanwhile, else a refresh. */
    private String refreshed(long portalId) throws HubSpotAuthException, InterruptedException {
        while (true) {
            Versioned<StoredTokens> current = read(portalId);
            StoredTokens stored = current.value();
            if (usable(stored)) {
                return stored.accessToken();
            }
            if (stored.refreshRefused() != null) {
                throw uninstalled(portalId, stored.refreshRefused());
            }
            Instant now = clock.instant();
            if (stored.refreshingUntil() != null && stored.refreshingUntil().isAfter(now)) {
                Thread.sleep(POLL_MILLIS); // another node is refreshing: look again shortly
                continue;
            }
            Optional<Long> claimed = store.compareAndSet(NAMESPACE, key(portalId), current.version(),
                    stored.refreshing(now.plus(claim)).toJson(), STORE_TTL);
            if (claimed.isPresent()) {
                return refresh(portalId, stored, claimed.get());
            }
            // changed meanwhile (another node claimed or wrote): look again
        }
    }

    private String refresh(long portalId, StoredTokens stored, long claimVersion)
            throws HubSpotAuthException, InterruptedException {
        TokenResponse answer;
        try {
            answer = endpoint.refresh(stored.refreshToken());
        } catch (TokenEndpoint.Refused e) {
            if (e.grantRefused()) {
                String why = e.body.summary(e.httpStatus);
                store.compareAndSet(NAMESPACE, key(portalId), claimVersion, stored.refused(why).toJson(), STORE_TTL);
                LOG.warn("HubSpot refused to refresh portal {}'s token ({}): the app was probably uninstalled",
                        portalId, why);
                throw uninstalled(portalId, why);
            }
            release(portalId, stored, claimVersion);
            return stillValid(portalId, stored, "HubSpot refused the refresh of portal " + portalId + "'s token ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            release(portalId, stored, claimVersion);
            return stillValid(portalId, stored, "HubSpot's token endpoint could not be reached to refresh portal "
                    + portalId + "'s token: " + e, e);
        } catch (InterruptedException | RuntimeException e) {
            release(portalId, stored, claimVersion); // so that the other nodes need not wait for the claim to run out
            throw e;
        }
        Instant now = clock.instant();
        StoredTokens fresh = new StoredTokens(portalId, answer.accessToken(),
                answer.refreshToken() != null ? answer.refreshToken() : stored.refreshToken(),
                now.plusSeconds(answer.expiresInSeconds()), answer.scopes().isEmpty() ? stored.scopes()
                        : answer.scopes(), null, null);
        if (store.compareAndSet(NAMESPACE, key(portalId), claimVersion, fresh.toJson(), STORE_TTL).isEmpty()) {
            // Our claim ran out and another node wrote meanwhile: HubSpot honours both tokens; prefer the stored one.
            Optional<StoredTokens> other = tryRead(portalId);
            if (other.isPresent() && usable(other.get())) {
                return other.get().accessToken();
            }
        }
        LOG.debug("Refreshed portal {}'s HubSpot token; it expires at {}", portalId, fresh.expiresAt());
        return fresh.accessToken();
    }

    private String stillValid(long portalId, StoredTokens stored, String message, Exception cause)
            throws HubSpotAuthException {
        if (stored.expiresAt().isAfter(clock.instant())) {
            LOG.warn("{}; using the current token until it expires at {}", message, stored.expiresAt());
            return stored.accessToken();
        }
        throw new HubSpotAuthException(portalId, message, cause);
    }

    private void release(long portalId, StoredTokens stored, long claimVersion) {
        store.compareAndSet(NAMESPACE, key(portalId), claimVersion, stored.refreshing(null).toJson(), STORE_TTL);
    }

    private boolean usable(StoredTokens stored) {
        return stored.refreshRefused() == null && stored.expiresAt().isAfter(clock.instant().plus(REFRESH_MARGIN));
    }

    private static HubSpotAuthException uninstalled(long portalId, String why) {
        return new HubSpotAuthException(portalId, "HubSpot refused to refresh the token of portal " + portalId + " ("
                + why + "): the app was probably uninstalled from the portal; it must be installed again");
    }

    // ---------------------------------------------------------------- the store

    private Versioned<StoredTokens> read(long portalId) throws HubSpotAuthException {
        if (portalId <= 0) {
            throw new HubSpotAuthException(portalId, "portal id must be positive but was " + portalId);
        }
        Optional<Versioned<String>> value = store.get(NAMESPACE, key(portalId));
        if (value.isEmpty()) {
            throw new HubSpotAuthException(portalId, "HubSpot portal " + portalId + " has not installed the app "
                    + "(no OAuth tokens are stored for it)");
        }
        try {
            return new Versioned<>(StoredTokens.fromJson(value.get().value()), value.get().version());
        } catch (IllegalArgumentException e) {
            throw new HubSpotAuthException(portalId, "the OAuth tokens stored for HubSpot portal " + portalId
                    + " are unreadable (" + e.getMessage() + "); install the app again");
        }
    }

    private Optional<StoredTokens> tryRead(long portalId) {
        try {
            return Optional.of(read(portalId).value());
        } catch (HubSpotAuthException e) {
            return Optional.empty();
        }
    }

    /** Replaces whatever is stored (a new install wins over an old or refused one). */
    private void write(long portalId, StoredTokens tokens) {
        String json = tokens.toJson();
        while (true) {
            long version = store.get(NAMESPACE, key(portalId)).map(Versioned::version).orElse(0L);
            if (store.compareAndSet(NAMESPACE, key(portalId), version, json, STORE_TTL).isPresent()) {
                return;
            }
        }
    }

    private static String key(long portalId) {
        return Long.toString(portalId);
    }

    // ---------------------------------------------------------------- pages

    private static HttpResponse page(int status, String text) {
        String html = "<!doctype html><meta charset=utf-8><title>HubSpot</title><p>" + escape(text) + "</p>";
        return HttpResponse.of(status, "text/html", html).withHeader("Cache-Control", "no-store");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String clip(@Nullable String text) {
        String t = text == null ? "" : text.replaceAll("[^A-Za-z0-9 _.:-]", "");
        return t.length() > 80 ? t.substring(0, 80) : t;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "HubSpotOAuth[client " + settings.clientId() + "]";
    }
}
