package io.callbridge.rest.hubspot.auth;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.cluster.redis.inject.RedisClusterModule;
import io.callbridge.cluster.redis.internal.RedisBackend;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.spi.CrmStateStore;
import io.callbridge.testkit.redis.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every OAuth case again with the tokens in cluster-redis's {@code CrmStateStore} on a real {@code redis-server}: the
 * single-use state and the one-refresh-across-nodes rule rest on its compare-and-set, and the second node is a second
 * connection with its own store, as another callbridge node would be.
 */
class HubSpotOAuthOnRedisIT extends HubSpotOAuthIT {
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.create();

    // Made on first use: the superclass asks for its store while this one's fields are not yet set.
    private @Nullable String prefix;
    private @Nullable List<Injector> nodes;

    private CrmStateStore node() {
        if (prefix == null || nodes == null) {
            prefix = "oauth-" + UUID.randomUUID();
            nodes = new ArrayList<>();
        }
        Injector injector = Guice.createInjector(new CoreModule(),
                new RedisClusterModule(RedisSettings.of(redis.server().uri()).withKeyPrefix(prefix)));
        nodes.add(injector);
        return injector.getInstance(CrmStateStore.class);
    }

    @Override
    CrmStateStore newStore() {
        return node();
    }

    @Override
    CrmStateStore secondNodeStore() {
        return node();
    }

    @AfterEach
    void closeNodes() {
        if (nodes != null) {
            nodes.forEach(node -> node.getInstance(RedisBackend.class).close());
        }
    }
}
