package io.callbridge.cluster.redis.internal;

import io.callbridge.core.spi.StoreUnavailableException;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisReadOnlyException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Turns Lettuce's ways of saying "Redis is not there" into core's {@link StoreUnavailableException}, so that core
 * answers an input with {@code STORE_UNAVAILABLE} instead of failing: not connected (commands are rejected at once
 * while the connection is down, see {@code RedisBackend}), connection refused, no answer within the command timeout,
 * still loading its data after a restart, a read-only replica, a busy script. Every other failure (a script's own
 * error, a bug) stays what it is.
 */
final class Unavailability {
    private Unavailability() {
    }

    static boolean isUnavailability(Throwable e) {
        return e instanceof RedisConnectionException || e instanceof RedisCommandTimeoutException
                || e instanceof RedisCommandInterruptedException || e instanceof RedisLoadingException
                || e instanceof RedisReadOnlyException || e instanceof RedisBusyException
                // Lettuce's own state errors ("Currently not connected", "Connection is closed") are this exact class.
                || e.getClass() == RedisException.class;
    }

    /**
     * {@code e} as core's exception if it says Redis is unavailable, else {@code e} itself.
     *
     * @param redis which Redis, for the message, e.g. {@code Redis at redis://:****@host:6379}
     */
    static RuntimeException translate(RuntimeException e, String redis) {
        if (!isUnavailability(e)) {
            return e;
        }
        if (e instanceof RedisCommandInterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new StoreUnavailableException(redis + " is unavailable: " + e.getMessage(), e);
    }

    /** The same commands, with every unavailability thrown as a {@link StoreUnavailableException}. */
    @SuppressWarnings("unchecked")
    static RedisClusterCommands<String, String> guard(RedisClusterCommands<String, String> commands, String redactedUri) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(commands, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw translate(r, "Redis at " + redactedUri);
                }
                throw cause;
            }
        };
        return (RedisClusterCommands<String, String>) Proxy.newProxyInstance(RedisClusterCommands.class.getClassLoader(),
                new Class<?>[] {RedisClusterCommands.class}, handler);
    }
}
