package io.callbridge.rest.salesforce.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.callbridge.rest.salesforce.SalesforceAuthException;
import io.callbridge.rest.salesforce.SalesforceRestSettings;
import io.callbridge.rest.salesforce.internal.SalesforceWire.JwtClaims;
import io.callbridge.rest.salesforce.internal.SalesforceWire.JwtHeader;
import io.callbridge.rest.salesforce.internal.SalesforceWire.OAuthError;
import io.callbridge.rest.salesforce.internal.SalesforceWire.TokenResponse;
import io.callbridge.rest.salesforce.internal.SalesforceWire.WireFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The org's access token by the OAuth 2.0 JWT bearer flow: a JWT ({@code iss} the consumer key, {@code sub} the
 * user, {@code aud} the login URL, {@code exp} two minutes ahead) signed RS256 with the app certificate's private key
 * by the JDK, posted to {@code /services/oauth2/token}. The flow has no refresh token: a new JWT gives a new access
 * token, which is what happens when Salesforce answers {@code INVALID_SESSION_ID}.
 *
 * <p>Thread-safe. One login at a time: callers that need a token while a login is under way wait for it and share its
 * token, so twenty threads finding no token make one request. Tokens are never logged.
 */
public final class JwtBearerTokens {
    private static final Logger LOG = LoggerFactory.getLogger(JwtBearerTokens.class);
    /** How far ahead the JWT expires; Salesforce takes at most three minutes. */
    static final Duration JWT_LIFETIME = Duration.ofMinutes(2);
    /**
     * An {@code error_description} that is words only ("invalid assertion", "user hasn't approved this consumer",
     * "expired access/refresh token"), the part of it that goes into the exception and the log: one with digits or
     * other signs in it could be quoting a token, an id or a number, and is withheld.
     */
    private static final Pattern PLAIN_DESCRIPTION = Pattern.compile("[A-Za-z][A-Za-z '/.,-]{0,119}");

    private final SalesforceRestSettings settings;
    private final RSAPrivateKey key;
    private final HttpClient http;
    private final Clock clock;
    private final ReentrantLock login = new ReentrantLock();
    private volatile @Nullable Session session;

    /** An access token and the instance to use it on. */
    public record Session(String accessToken, URI instanceUrl) {
        public Session {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(instanceUrl, "instanceUrl");
        }

        @Override
        public String toString() {
            return "Session[" + instanceUrl + "]";
        }
    }

    public JwtBearerTokens(SalesforceRestSettings settings, HttpClient http, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.key = settings.privateKey();
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The current session, logging in first if there is none. */
    public Session session() throws SalesforceAuthException, IOException, InterruptedException {
        Session current = session;
        if (current != null) {
            return current;
        }
        login.lockInterruptibly();
        try {
            current = session;
            if (current == null) {
                current = login();
                session = current;
            }
            return current;
        } finally {
            login.unlock();
        }
    }

    /** Salesforce said {@code refused} is expired or invalid: the next {@link #session()} logs in again. */
    public void refused(Session refused) {
        login.lock();
        try {
            if (refused.equals(session)) {
                session = null;
            }
        } finally {
            login.unlock();
        }
    }

    /** The signed JWT, header.claims.signature in base64url. */
    String assertion() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        JwtClaims claims = new JwtClaims(settings.consumerKey(), settings.username(), settings.loginUrl().toString(),
                clock.instant().plus(JWT_LIFETIME).getEpochSecond());
        String signingInput = b64.encodeToString(JwtHeader.RS256.toJson().toString().getBytes(UTF_8)) + "."
                + b64.encodeToString(claims.toJson().toString().getBytes(UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(UTF_8));
            return signingInput + "." + b64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot sign RS256", e);
        }
    }

    private Session login() throws SalesforceAuthException, IOException, InterruptedException {
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", UTF_8)
                + "&assertion=" + URLEncoder.encode(assertion(), UTF_8);
        HttpRequest request = HttpRequest.newBuilder(settings.loginUrl().resolve("/services/oauth2/token"))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String who = "consumer key " + settings.consumerKey() + " and user " + settings.username();
        if (response.statusCode() == 200) {
            try {
                TokenResponse token = TokenResponse.read(SalesforceWire.parse(response.body(), "the token response"));
                LOG.debug("Salesforce login for {} succeeded; instance {}", who, token.instanceUrl());
                return new Session(token.accessToken(), settings.instanceUrl() != null ? settings.instanceUrl()
                        : token.instanceUrl());
            } catch (WireFormatException e) {
                throw new SalesforceAuthException("Salesforce's token response for " + who + " is not usable: "
                        + e.getMessage());
            }
        }
        String reason;
        try {
            OAuthError error = OAuthError.read(SalesforceWire.parse(response.body(), "the token error"));
            reason = error.error() + (error.description() == null ? ""
                    : " (" + (PLAIN_DESCRIPTION.matcher(error.description()).matches() ? error.description()
                    : "description withheld: it is not plain words") + ")");
        } catch (WireFormatException e) {
            reason = "HTTP " + response.statusCode();
        }
        if (response.statusCode() >= 500) {
            throw new IOException("Salesforce's login failed for " + who + ": " + reason);
        }
        throw new SalesforceAuthException("Salesforce refused the JWT bearer login for " + who + ": " + reason
                + ". Check that the certificate uploaded to the External Client App belongs to the configured private"
                + " key, that the user is pre-authorised for the app, and that the login URL is the org's.");
    }
}
