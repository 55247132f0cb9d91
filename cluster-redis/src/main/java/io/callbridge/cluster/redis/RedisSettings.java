package io.callbridge.cluster.redis;

import io.callbridge.core.EngineThreads;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where and how callbridge keeps its state in Redis.
 *
 * @param uri {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://…} for TLS, or a Sentinel
 *     URI {@code redis-sentinel://[[user]:password@]host[:port][,host2[:port2]…][/database]#masterName} (TLS:
 *     {@code rediss-sentinel://…}); with {@link #cluster()}, a {@code redis://} or {@code rediss://} URI of one node of
 *     the Redis Cluster (the others are discovered). The password, if any, is never shown ({@link #toString()},
 *     {@link #redactedUri()} and every error mask it)
 * @param keyPrefix what every key of this deployment starts with, so that several deployments (production, staging,
 *     a test) can share one Redis: 1-64 characters of letters, digits and {@code ._-}
 * @param commandTimeout how long one Redis command may take, and how long connecting may take at start-up
 * @param trustedCertificates for TLS ({@code rediss://}): a PEM file of the certificate authorities that signed the
 *     Redis servers' certificates, or null to trust the JVM's default trust store. The server's certificate must name
 *     the host of the URI (its subject alternative names are checked)
 * @param cluster whether {@link #uri()} names a node of a Redis Cluster (Lettuce's cluster client: commands and
 *     pub/sub routed to the node that holds the deployment's hash slot)
 * @param retention how long Redis keeps what only an active agent needs: an agent's event stream and sequence counter
 *     expire this long after its last event, and an agent logged out (and idle) this long is forgotten. A bridge that
 *     resumes within it replays what it missed; one that resumes later is told of a gap and takes a snapshot. 1 s to
 *     10 years; default 7 days
 * @param engineThreads threads in each pool whose tasks wait on Redis: core's adapter scheduler and the transport's
 *     workers ({@link io.callbridge.core.EngineThreads}, which the module binds to this) and the pool that brings this
 *     node's subscribers their agents' events. Every engine call is a round trip that holds its thread until Redis
 *     answers, so one thread per core would cap the node at a few thousand round trips a second whatever its CPU.
 *     1 to 256; default 16
 */
public record RedisSettings(String uri, String keyPrefix, Duration commandTimeout, @Nullable Path trustedCertificates,
        boolean cluster, Duration retention, int engineThreads) {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String DEFAULT_PREFIX = "callbridge";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    private static final Duration MAX_RETENTION = Duration.ofDays(3650);
    private static final int DEFAULT_ENGINE_THREADS = 16;

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(retention, "retention");
        checkUri(uri, cluster);
        if (retention.compareTo(Duration.ofSeconds(1)) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
            throw new IllegalArgumentException("retention must be 1 s to 10 years but was " + retention);
        }
        if (engineThreads < 1 || engineThreads > EngineThreads.MAX) {
            throw new IllegalArgumentException("engineThreads must be 1 to " + EngineThreads.MAX + " but was "
                    + engineThreads);
        }
        if (trustedCertificates != null) {
            if (!isTls(uri)) {
                throw new IllegalArgumentException("trustedCertificates is for TLS: the uri must start with rediss:// "
                        + "or rediss-sentinel:// but was '" + redact(uri) + "'");
            }
            if (!Files.isReadable(trustedCertificates)) {
                throw new IllegalArgumentException("trustedCertificates must be a readable PEM file but "
                        + trustedCertificates + " is not");
            }
        }
        if (!PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException("keyPrefix must be 1-64 characters of letters, digits and ._- but was '"
                    + keyPrefix + "'");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero() || commandTimeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("commandTimeout must be more than 0 and at most 1 minute but was "
                    + commandTimeout);
        }
    }

    /** Standalone or Sentinel, trusting the JVM's default certificates for TLS. */
    public RedisSettings(String uri, String keyPrefix, Duration commandTimeout) {
        this(uri, keyPrefix, commandTimeout, null, false, DEFAULT_RETENTION, DEFAULT_ENGINE_THREADS);
    }

    /** As before {@link #engineThreads()} was added: 16 threads per pool that waits on Redis. */
    public RedisSettings(String uri, String keyPrefix, Duration commandTimeout, @Nullable Path trustedCertificates,
            boolean cluster, Duration retention) {
        this(uri, keyPrefix, commandTimeout, trustedCertificates, cluster, retention, DEFAULT_ENGINE_THREADS);
    }

    /** {@code uri} with key prefix {@code callbridge} and a command timeout of 2 s. */
    public static RedisSettings of(String uri) {
        return new RedisSettings(uri, DEFAULT_PREFIX, DEFAULT_TIMEOUT);
    }

    /** The same settings for another Redis. */
    public RedisSettings withUri(String value) {
        return new RedisSettings(value, keyPrefix, commandTimeout, trustedCertificates, cluster, retention,
                engineThreads);
    }

    public RedisSettings withKeyPrefix(String prefix) {
        return new RedisSettings(uri, prefix, commandTimeout, trustedCertificates, cluster, retention, engineThreads);
    }

    public RedisSettings withCommandTimeout(Duration timeout) {
        return new RedisSettings(uri, keyPrefix, timeout, trustedCertificates, cluster, retention, engineThreads);
    }

    /** Trusts the certificate authorities in this PEM file for TLS (see {@link #trustedCertificates()}). */
    public RedisSettings withTrustedCertificates(Path pem) {
        return new RedisSettings(uri, keyPrefix, commandTimeout, Objects.requireNonNull(pem, "pem"), cluster,
                retention, engineThreads);
    }

    /** The URI names one node of a Redis Cluster (see {@link #cluster()}). */
    public RedisSettings withCluster(boolean value) {
        return new RedisSettings(uri, keyPrefix, commandTimeout, trustedCertificates, value, retention, engineThreads);
    }

    /** Keeps idle agents' streams, counters and logged-out agents this long (see {@link #retention()}). */
    public RedisSettings withRetention(Duration value) {
        return new RedisSettings(uri, keyPrefix, commandTimeout, trustedCertificates, cluster, value, engineThreads);
    }

    /** Gives each pool that waits on Redis this many threads (see {@link #engineThreads()}). */
    public RedisSettings withEngineThreads(int value) {
        return new RedisSettings(uri, keyPrefix, commandTimeout, trustedCertificates, cluster, retention, value);
    }

    /** Whether the URI names Redis Sentinel. */
    public boolean sentinel() {
        return uri.startsWith("redis-sentinel://") || uri.startsWith("rediss-sentinel://");
    }

    /** The URI with its password replaced by {@code ****}, for logs and errors. */
    public String redactedUri() {
        return redact(uri);
    }

    @Override
    public String toString() {
        return "RedisSettings[uri=" + redactedUri() + ", keyPrefix=" + keyPrefix + ", commandTimeout="
                + commandTimeout + (trustedCertificates == null ? "" : ", trustedCertificates=" + trustedCertificates)
                + (cluster ? ", cluster" : "") + ", retention=" + retention + ", engineThreads=" + engineThreads + "]";
    }

    private static boolean isTls(String uri) {
        return uri.startsWith("rediss://") || uri.startsWith("rediss-sentinel://");
    }

    private static void checkUri(String uri, boolean cluster) {
        if (uri.startsWith("redis-sentinel://") || uri.startsWith("rediss-sentinel://")) {
            if (cluster) {
                throw new IllegalArgumentException("a Redis Cluster is named by a redis:// or rediss:// URI of one of "
                        + "its nodes, not by a Sentinel URI: '" + redact(uri) + "'");
            }
            checkSentinelUri(uri);
            return;
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("uri must be a redis:// or rediss:// URI but was '" + redact(uri)
                    + "' (" + e.getReason() + ")");
        }
        String scheme = parsed.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("uri must start with redis://, rediss://, redis-sentinel:// or "
                    + "rediss-sentinel:// but was '" + redact(uri) + "'");
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

    /** {@code scheme://[userinfo@]host[:port][,host[:port]…][/db]#master}. */
    private static void checkSentinelUri(String uri) {
        int hash = uri.indexOf('#');
        if (hash < 0 || hash == uri.length() - 1 || !uri.substring(hash + 1).matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a Sentinel uri must end with #masterName (letters, digits, ._-), e.g. "
                    + "redis-sentinel://sentinel1:26379,sentinel2:26379#mymaster, but was '" + redact(uri) + "'");
        }
        String rest = uri.substring(uri.indexOf("://") + 3, hash);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        String hosts = authority.substring(authority.lastIndexOf('@') + 1);
        if (!path.isEmpty() && !path.matches("/[0-9]{0,2}")) {
            throw new IllegalArgumentException("uri may only name a database number after the hosts (e.g. /0) but was '"
                    + redact(uri) + "'");
        }
        for (String host : hosts.split(",", -1)) {
            if (!host.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?")) {
                throw new IllegalArgumentException("a Sentinel uri must name sentinels as host[:port],host[:port]… "
                        + "but was '" + redact(uri) + "'");
            }
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
