package io.callbridge.rest.hubspot.auth;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How {@link HubSpotOAuth} talks to HubSpot for a vendor's public app (its "Auth" settings). Start from
 * {@link #of} and change the rest with the {@code with…} methods; every value is checked when built and an error names
 * the field. {@link #toString} hides the client secret.
 *
 * @param clientId the app's client id
 * @param clientSecret the app's client secret; never logged
 * @param redirectUri the redirect URL registered in the app's settings, where HubSpot sends the browser back with a
 *     code: https, or http on a loopback host for development
 * @param scopes the scopes the app requires, e.g. {@code crm.objects.contacts.read}; at least one
 * @param optionalScopes scopes asked for when the portal's tier has them
 * @param authorizeUrl HubSpot's authorize page ({@link #HUBSPOT_AUTHORIZE_URL})
 * @param apiBaseUrl HubSpot's API root ({@link #HUBSPOT_API}); the token endpoints are below it
 * @param installPath the path of the install endpoint on the bridge server (default {@code /hubspot/oauth/install})
 * @param callbackPath the path of the callback endpoint (default: the redirect URI's path)
 * @param stateLifetime how long an install link's {@code state} is accepted back: 1 minute to 1 hour (default 10 min)
 * @param installedRedirect where the browser goes after a successful install ({@code ?portalId=} added), or null for
 *     a short page saying so
 * @param requestTimeout how long a request to HubSpot's token endpoints may take (default 10 s)
 */
public record HubSpotOAuthSettings(String clientId, String clientSecret, URI redirectUri, List<String> scopes,
        List<String> optionalScopes, URI authorizeUrl, URI apiBaseUrl, String installPath, String callbackPath,
        Duration stateLifetime, @Nullable URI installedRedirect, Duration requestTimeout) {

    public static final URI HUBSPOT_AUTHORIZE_URL = URI.create("https://app.hubspot.com/oauth/authorize");
    public static final URI HUBSPOT_API = URI.create("https://api.hubapi.com");
    public static final String DEFAULT_INSTALL_PATH = "/hubspot/oauth/install";

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final Pattern SCOPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@-]+)+");

    public HubSpotOAuthSettings {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(installPath, "installPath");
        Objects.requireNonNull(callbackPath, "callbackPath");
        Objects.requireNonNull(stateLifetime, "stateLifetime");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("clientId must be the app's client id (letters, digits and -)");
        }
        if (clientSecret.isBlank() || clientSecret.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("clientSecret must be the app's client secret: non-blank, no spaces");
        }
        webUrl("redirectUri", redirectUri);
        if (redirectUri.getRawFragment() != null) {
            throw new IllegalArgumentException("redirectUri must not have a fragment (#…)");
        }
        scopes = scopes("scopes", scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must name at least one scope, e.g. crm.objects.contacts.write");
        }
        optionalScopes = scopes("optionalScopes", optionalScopes);
        webUrl("authorizeUrl", authorizeUrl);
        webUrl("apiBaseUrl", apiBaseUrl);
        path("installPath", installPath);
        path("callbackPath", callbackPath);
        if (installPath.equals(callbackPath) || installPath.startsWith(callbackPath + "/")
                || callbackPath.startsWith(installPath + "/")) {
            throw new IllegalArgumentException("installPath " + installPath + " and callbackPath " + callbackPath
                    + " must not overlap");
        }
        if (stateLifetime.compareTo(Duration.ofMinutes(1)) < 0 || stateLifetime.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("stateLifetime must be 1 minute to 1 hour but was " + stateLifetime);
        }
        if (installedRedirect != null) {
            webUrl("installedRedirect", installedRedirect);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("requestTimeout must be positive and at most a minute but was "
                    + requestTimeout);
        }
    }

    /** HubSpot's own URLs, the default paths and lifetimes; the callback endpoint at the redirect URI's path. */
    public static HubSpotOAuthSettings of(String clientId, String clientSecret, URI redirectUri, List<String> scopes) {
        Objects.requireNonNull(redirectUri, "redirectUri");
        String callbackPath = redirectUri.getPath() == null || redirectUri.getPath().isEmpty() ? "/"
                : redirectUri.getPath();
        return new HubSpotOAuthSettings(clientId, clientSecret, redirectUri, scopes, List.of(), HUBSPOT_AUTHORIZE_URL,
                HUBSPOT_API, DEFAULT_INSTALL_PATH, callbackPath, Duration.ofMinutes(10), null, Duration.ofSeconds(10));
    }

    public HubSpotOAuthSettings withOptionalScopes(List<String> optionalScopes) {
        return new HubSpotOAuthSettings(clientId, clientSecret, redirectUri, scopes, optionalScopes, authorizeUrl,
                apiBaseUrl, installPath, callbackPath, stateLifetime, installedRedirect, requestTimeout);
    }

    /** Another HubSpot (a simulator in tests). */
    public HubSpotOAuthSettings withHubSpot(URI authorizeUrl, URI apiBaseUrl) {
        return new HubSpotOAuthSettings(clientId, clientSecret, redirectUri, scopes, optionalScopes, authorizeUrl,
                apiBaseUrl, installPath, callbackPath, stateLifetime, installedRedirect, requestTimeout);
    }

    public HubSpotOAuthSettings withPaths(String installPath, String callbackPath) {
        return new HubSpotOAuthSettings(clientId, clientSecret, redirectUri, scopes, optionalScopes, authorizeUrl,
                apiBaseUrl, installPath, callbackPath, stateLifetime, installedRedirect, requestTimeout);
    }

    public HubSpotOAuthSettings withStateLifetime(Duration stateLifetime) {
        return new HubSpotOAuthSettings(clientId, clientSecret, redirectUri, scopes, optionalScopes, authorizeUrl,
                apiBaseUrl, installPath, callbackPath, stateLifetime, installedRedirect, requestTimeout);
    }

    public HubSpotOAuthSettings withInstalledRedirect(@Nullable URI installedRedirect) {
        return new HubSpotOAuthSettings(clientId, clientSecret, redirectUri, scopes, optionalScopes, authorizeUrl,
                apiBaseUrl, installPath, callbackPath, stateLifetime, installedRedirect, requestTimeout);
    }

    public HubSpotOAuthSettings withRequestTimeout(Duration requestTimeout) {
        return new HubSpotOAuthSettings(clientId, clientSecret, redirectUri, scopes, optionalScopes, authorizeUrl,
                apiBaseUrl, installPath, callbackPath, stateLifetime, installedRedirect, requestTimeout);
    }

    @Override
    public String toString() {
        return "HubSpotOAuthSettings[clientId=" + clientId + ", clientSecret=****, redirectUri=" + redirectUri
                + ", scopes=" + scopes + ", optionalScopes=" + optionalScopes + ", authorizeUrl=" + authorizeUrl
                + ", apiBaseUrl=" + apiBaseUrl + ", installPath=" + installPath + ", callbackPath=" + callbackPath
                + ", stateLifetime=" + stateLifetime + ", installedRedirect=" + installedRedirect
                + ", requestTimeout=" + requestTimeout + "]";
    }

    /** An absolute http(s) URL: https, or http only on a loopback host. */
    static void webUrl(String field, URI uri) {
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException(field + " must be an absolute URL with a host but was " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return;
        }
        throw new IllegalArgumentException(field + " must use https (http only on a loopback host) but was " + uri);
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static List<String> scopes(String field, @Nullable List<String> scopes) {
        Objects.requireNonNull(scopes, field);
        Set<String> seen = new HashSet<>();
        for (String scope : scopes) {
            if (scope == null || !SCOPE.matcher(scope).matches()) {
                throw new IllegalArgumentException(field + " must hold HubSpot scope names (lower case letters, "
                        + "digits, . _ -) but held '" + scope + "'");
            }
            if (!seen.add(scope)) {
                throw new IllegalArgumentException(field + " names " + scope + " twice");
            }
        }
        return List.copyOf(scopes);
    }

    private static void path(String field, String path) {
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException(field + " must be an absolute path without a trailing slash, and not "
                    + "/ itself, but was '" + path + "'");
        }
    }
}
