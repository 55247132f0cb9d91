package io.callbridge.rest.salesforce;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the Salesforce REST fallback reaches one org. Bind it through {@link io.callbridge.rest.salesforce.inject.SalesforceRestModule}.
 *
 * @param loginUrl where the JWT bearer login goes and what the JWT's {@code aud} names:
 *     {@code https://login.salesforce.com}, {@code https://test.salesforce.com} for a sandbox, or the org's My Domain
 *     login URL; scheme and host only (a trailing slash is dropped)
 * @param instanceUrl the org's instance to call, or null to use the {@code instance_url} of the token response
 *     (the usual choice)
 * @param apiVersion the REST API version, {@value #MIN_API_VERSION} or later (the Sales Engagement event action)
 * @param consumerKey the External Client App's consumer key, the JWT's {@code iss}
 * @param username the Salesforce user the Tasks are created as, pre-authorised for the app, the JWT's {@code sub}
 * @param privateKeyPem the private key of the certificate uploaded to the app, unencrypted PKCS#8 PEM; never logged
 *     and left out of {@link #toString()}
 * @param deadlineAfterWrapUp how long after wrap-up a frame has to save the Task before REST does it
 * @param requestTimeout how long one HTTP request to Salesforce may take
 * @param hvsManualCompletion whether to mark the call's Sales Engagement step manually complete (without its
 *     outcome) after the deadline, when no frame completed it; off by default, see {@code docs/salesforce-rest.md}
 * @param limitPause how long the org's queue waits after Salesforce answered {@code REQUEST_LIMIT_EXCEEDED}, or after
 *     an answer's {@code Sforce-Limit-Info} left fewer requests than the reserve
 * @param apiReservePercent the share of the org's daily API requests, 0-50 %, that the fallback leaves to the org's
 *     other integrations: when an answer says fewer are left, the org's queue waits for {@code limitPause} as after
 *     {@code REQUEST_LIMIT_EXCEEDED}; 0 turns it off
 */
public record SalesforceRestSettings(URI loginUrl, @Nullable URI instanceUrl, int apiVersion, String consumerKey,
        String username, String privateKeyPem, Duration deadlineAfterWrapUp, Duration requestTimeout,
        boolean hvsManualCompletion, Duration limitPause, int apiReservePercent) {

    /** The first REST API version with {@code sendSalesCadenceEvent}. */
    public static final int MIN_API_VERSION = 52;
    public static final int DEFAULT_API_VERSION = 62;
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(3);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_LIMIT_PAUSE = Duration.ofHours(1);
    public static final int DEFAULT_API_RESERVE_PERCENT = 5;

    private static final Pattern CONSUMER_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Pattern USERNAME = Pattern.compile("[^\\s@]+@[^\\s@]+");

    public SalesforceRestSettings {
        loginUrl = baseUrl(loginUrl, "loginUrl");
        instanceUrl = instanceUrl == null ? null : baseUrl(instanceUrl, "instanceUrl");
        if (apiVersion < MIN_API_VERSION || apiVersion > 999) {
            throw new IllegalArgumentException("apiVersion must be " + MIN_API_VERSION + "-999, was " + apiVersion);
        }
        Objects.requireNonNull(consumerKey, "consumerKey");
        if (!CONSUMER_KEY.matcher(consumerKey).matches()) {
            throw new IllegalArgumentException("consumerKey must be 1-255 printable characters without spaces");
        }
        Objects.requireNonNull(username, "username");
        if (username.length() > 80 || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must be a Salesforce username (name@domain, at most 80"
                    + " characters), was '" + username + "'");
        }
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Pem.privateKey(privateKeyPem);
        positive(deadlineAfterWrapUp, "deadlineAfterWrapUp", Duration.ofDays(1));
        positive(requestTimeout, "requestTimeout", Duration.ofMinutes(5));
        positive(limitPause, "limitPause", Duration.ofDays(1));
        if (apiReservePercent < 0 || apiReservePercent > 50) {
            throw new IllegalArgumentException("apiReservePercent must be 0-50, was " + apiReservePercent);
        }
    }

    /** The private key of {@link #privateKeyPem}, parsed (it was checked when these settings were made). */
    public java.security.interfaces.RSAPrivateKey privateKey() {
        return Pem.privateKey(privateKeyPem);
    }

    /**
     * The settings with every default: the token response's instance, 3 minutes, 10 s, no HVS completion, 1 h, a
     * reserve of 5 %.
     */
    public static SalesforceRestSettings of(URI loginUrl, String consumerKey, String username, String privateKeyPem) {
        return new SalesforceRestSettings(loginUrl, null, DEFAULT_API_VERSION, consumerKey, username, privateKeyPem,
                DEFAULT_DEADLINE, DEFAULT_REQUEST_TIMEOUT, false, DEFAULT_LIMIT_PAUSE, DEFAULT_API_RESERVE_PERCENT);
    }

    public SalesforceRestSettings withLoginUrl(URI value) {
        return new SalesforceRestSettings(value, instanceUrl, apiVersion, consumerKey, username, privateKeyPem,
                deadlineAfterWrapUp, requestTimeout, hvsManualCompletion, limitPause, apiReservePercent);
    }

    public SalesforceRestSettings withInstanceUrl(@Nullable URI value) {
        return new SalesforceRestSettings(loginUrl, value, apiVersion, consumerKey, username, privateKeyPem,
                deadlineAfterWrapUp, requestTimeout, hvsManualCompletion, limitPause, apiReservePercent);
    }

    public SalesforceRestSettings withApiVersion(int value) {
        return new SalesforceRestSettings(loginUrl, instanceUrl, value, consumerKey, username, privateKeyPem,
                deadlineAfterWrapUp, requestTimeout, hvsManualCompletion, limitPause, apiReservePercent);
    }

    public SalesforceRestSettings withConsumerKey(String value) {
        return new SalesforceRestSettings(loginUrl, instanceUrl, apiVersion, value, username, privateKeyPem,
                deadlineAfterWrapUp, requestTimeout, hvsManualCompletion, limitPause, apiReservePercent);
    }

    public SalesforceRestSettings withUsername(String value) {
        return new SalesforceRestSettings(loginUrl, instanceUrl, apiVersion, consumerKey, value, privateKeyPem,
                deadlineAfterWrapUp, requestTimeout, hvsManualCompletion, limitPause, apiReservePercent);
    }

    public SalesforceRestSettings withPrivateKeyPem(String value) {
        return new SalesforceRestSettings(loginUrl, instanceUrl, apiVersion, consumerKey, username, value,
                deadlineAfterWrapUp, requestTimeout, hvsManualCompletion, limitPause, apiReservePercent);
    }

    public SalesforceRestSettings withDeadlineAfterWrapUp(Duration value) {
        return new SalesforceRestSettings(loginUrl, instanceUrl, apiVersion, consumerKey, username, privateKeyPem,
                value, requestTimeout, hvsManualCompletion, limitPause, apiReservePercent);
    }

    public SalesforceRestSettings withRequestTimeout(Duration value) {
        return new SalesforceRestSettings(loginUrl, instanceUrl, apiVersion, consumerKey, username, privateKeyPem,
                deadlineAfterWrapUp, value, hvsManualCompletion, limitPause, apiReservePercent);
    }

    public SalesforceRestSettings withHvsManualCompletion(boolean value) {
        return new SalesforceRestSettings(loginUrl, instanceUrl, apiVersion, consumerKey, username, privateKeyPem,
                deadlineAfterWrapUp, requestTimeout, value, limitPause, apiReservePercent);
    }

    public SalesforceRestSettings withLimitPause(Duration value) {
        return new SalesforceRestSettings(loginUrl, instanceUrl, apiVersion, consumerKey, username, privateKeyPem,
                deadlineAfterWrapUp, requestTimeout, hvsManualCompletion, value, apiReservePercent);
    }

    public SalesforceRestSettings withApiReservePercent(int value) {
        return new SalesforceRestSettings(loginUrl, instanceUrl, apiVersion, consumerKey, username, privateKeyPem,
                deadlineAfterWrapUp, requestTimeout, hvsManualCompletion, limitPause, value);
    }

    /** Everything but the key. */
    @Override
    public String toString() {
        return "SalesforceRestSettings[loginUrl=" + loginUrl + ", instanceUrl=" + instanceUrl + ", apiVersion="
                + apiVersion + ", consumerKey=" + consumerKey + ", username=" + username + ", privateKeyPem=(hidden)"
                + ", deadlineAfterWrapUp=" + deadlineAfterWrapUp + ", requestTimeout=" + requestTimeout
                + ", hvsManualCompletion=" + hvsManualCompletion + ", limitPause=" + limitPause
                + ", apiReservePercent=" + apiReservePercent + "]";
    }

    private static URI baseUrl(@Nullable URI url, String name) {
        Objects.requireNonNull(url, name);
        String scheme = url.getScheme();
        if (!url.isAbsolute() || url.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException(name + " must be an absolute https URL with a host, was " + url);
        }
        String path = url.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || url.getRawQuery() != null
                || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(name + " must be scheme://host[:port] only, was " + url);
        }
        return URI.create(scheme + "://" + url.getRawAuthority());
    }

    private static void positive(@Nullable Duration value, String name, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be positive and at most " + max + ", was " + value);
        }
    }
}
