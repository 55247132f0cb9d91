package io.callbridge.samples.demo;

import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.core.Service;
import io.callbridge.samples.phone.PhoneLines;
import io.callbridge.samples.phone.RedisPhoneLines;
import io.callbridge.transport.websocket.TokenKey;
import io.callbridge.transport.websocket.TokenKeys;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's own keys in Redis, next to cluster-redis's under the same prefix: the agent-token key every demo node
 * signs and verifies with, and the simulated phone system's calls. One Lettuce connection, made when the injector is
 * built (so an unreachable Redis stops the start before any server is up) and closed when the services stop.
 *
 * <p>The token key is {@code {PREFIX}:demo:tokenKey}: 32 random bytes (base64) that the first node stores with
 * {@code SET … NX} and every later node (or the same one after a restart) reads, so tokens survive restarts and are
 * accepted by every node. It is a development arrangement: whoever can read the Redis can forge tokens. A production
 * deployment configures its keys ({@code TransportSettings.withTokenKeys}) from a secret store instead.
 */
final class DemoRedis implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(DemoRedis.class);
    static final String TOKEN_KEY_ID = "demo-redis";
    private static final int SECRET_BYTES = 32;

    private final RedisSettings settings;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private DemoRedis(RedisSettings settings, RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.settings = settings;
        this.client = client;
        this.connection = connection;
    }

    static DemoRedis connect(RedisSettings settings) {
        RedisURI uri = RedisURI.create(settings.uri());
        uri.setTimeout(settings.commandTimeout());
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.commandTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        try {
            StatefulRedisConnection<String, String> connection = client.connect();
            connection.sync().ping();
            return new DemoRedis(settings, client, connection);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            throw new IllegalStateException("cannot connect to Redis at " + settings.redactedUri() + ": "
                    + e.getMessage(), e);
        }
    }

    String tokenKeyName() {
        return "{" + settings.keyPrefix() + "}:demo:tokenKey";
    }

    /** The shared key: stored now if no node stored one before. */
    TokenKeys tokenKeys() {
        byte[] fresh = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(fresh);
        String key = tokenKeyName();
        @Nullable String stored = connection.sync().set(key, Base64.getEncoder().encodeToString(fresh),
                SetArgs.Builder.nx());
        boolean made = "OK".equals(stored);
        String value = connection.sync().get(key);
        byte[] secret;
        try {
            secret = value == null ? new byte[0] : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            secret = new byte[0];
        }
        if (secret.length < SECRET_BYTES) {
            throw new IllegalStateException("the demo token key " + key + " in Redis is not " + SECRET_BYTES
                    + " bytes of base64; delete it and start again");
        }
        LOG.info("agent tokens are signed with the demo key {} in Redis ({}), which every demo node on this Redis "
                + "shares and which outlives restarts", key, made ? "made now" : "made by an earlier start");
        return TokenKeys.of(TokenKey.of(TOKEN_KEY_ID, secret), null);
    }

    PhoneLines phoneLines() {
        return new RedisPhoneLines(connection.sync(), settings.keyPrefix());
    }

    @Override
    public void start() {
        // Connected when built.
    }

    @Override
    public void stop() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
