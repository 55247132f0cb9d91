package io.callbridge.benchmarks.load;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/** The generator's own connection to the run's Redis, to read {@code INFO commandstats} before and after the window. */
final class RedisStats implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisStats(RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.connection = connection;
    }

    static RedisStats connect(String uri) {
        RedisClient client = RedisClient.create(uri);
        try {
            return new RedisStats(client, client.connect());
        } catch (RuntimeException e) {
            client.shutdown();
            throw new IllegalStateException("cannot connect to Redis at " + LoadOptions.redactedUri(uri) + ": "
                    + e.getMessage(), e);
        }
    }

    RedisCommands commands() {
        return RedisCommands.parse(connection.sync().info("commandstats"));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
