package io.callbridge.cluster.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how callbridge keeps its state in Redis.
 *
 * @param uri {@code redis://[[user]:password@]host[:port][/database]} or {@code rediss://…} for TLS; the password, if
 *     any, is never shown ({@link #toString()}, {@link #redactedUri()} and every error mask it)
 * @param keyPrefix what every key of this deployment starts with, so that several deployments (production, staging,
 *     a test) can share one Redis: 1-64 characters of letters, digits and {@code ._-}
 * @param commandTimeout how long one Redis command may take, and how long connecting may take at start-up
 */
public record RedisSettings(String uri, String keyPrefix, Duration commandTimeout) {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String DEFAULT_PREFIX = "callbridge";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        checkUri(uri);
        if (!PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException("keyPrefix must be 1-64 characters of letters, digits and ._- but was '"
                    + keyPrefix + "'");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero() || commandTimeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("commandTimeout must be more than 0 and at most 1 minute but was "
                    + commandTimeout);
        }
    }

    /** {@code uri} with key prefix {@code callbridge} and a command timeout of 2 s. */
    public static RedisSettings of(String uri) {
        return new RedisSettings(uri, DEFAULT_PREFIX, DEFAULT_TIMEOUT);
    }

    /** The same settings for another Redis. */
    public RedisSettings withUri(String value) {
        return new RedisSettings(value, keyPrefix, commandTimeout);
    }

    public RedisSettings withKeyPrefix(String prefix) {
        return new RedisSettings(uri, prefix, commandTimeout);
    }

    public RedisSettings withCommandTimeout(Duration timeout) {
        return new RedisSettings(uri, keyPrefix, timeout);
    }

    /** The URI with its password replaced by {@code ****}, for logs and errors. */
    public String redactedUri() {
        return redact(uri);
    }

    @Override
    public String toString() {
        return "RedisSettings[uri=" + redactedUri() + ", keyPrefix=" + keyPrefix + ", commandTimeout="
                + commandTimeout + "]";
    }

    private static void checkUri(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("uri must be a redis:// or rediss:// URI but was '" + redact(uri)
                    + "' (" + e.getReason() + ")");
        }
        String scheme = parsed.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("uri must start with redis:// or rediss:// but was '" + redact(uri)
                    + "'");
        }
        if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
            throw new IllegalArgumentException("uri must name a host, e.g. redis://localhost:6379, but was '"
                    + redact(uri) + "'");
        }
        String path = parsed.getPath();
        if (path != null && !path.isEmpty() && !path.matches("/[0-9]{0,2}")) {
            throw new IllegalArgumentException("uri may only name a database number after the host (e.g. /0) but was '"
                    + redact(uri) + "'");
        }
    }

    /** Replaces whatever stands between {@code scheme://} and the last {@code @} of the authority. */
    static String redact(String uri) {
        int start = uri.indexOf("://");
        if (start < 0) {
            return uri;
        }
        start += 3;
        int end = uri.indexOf('/', start);
        String authority = end < 0 ? uri.substring(start) : uri.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return uri;
        }
        String userInfo = authority.substring(0, at);
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? "****" : userInfo.substring(0, colon) + ":****";
        return uri.substring(0, start) + masked + authority.substring(at) + (end < 0 ? "" : uri.substring(end));
    }
}
