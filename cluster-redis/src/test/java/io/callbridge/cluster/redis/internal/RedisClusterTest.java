package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.cluster.redis.RedisSettings;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.AgentId;
import io.callbridge.testkit.redis.RedisClusterGroup;
import io.callbridge.testkit.redis.RedisServer;
import io.callbridge.testkit.redis.RedisTopologyExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis Cluster: three masters with the slots split between them, Lettuce's cluster client
 * ({@link RedisSettings#withCluster}). The port contracts run on it; a deployment's keys all live on the node of
 * its hash tag, several deployments spread over the nodes, and events published through one node reach a
 * subscriber whose pub/sub connection is on another.
 */
class RedisClusterTest extends TopologyContracts {
    @RegisterExtension
    static final RedisTopologyExtension<RedisClusterGroup> cluster = RedisTopologyExtension.cluster(3);

    private static final AgentId ANN = AgentId.of("acme", "ann");

    @Override
    protected RedisSettings settings(String prefix) {
        return RedisSettings.of(cluster.get().uri()).withKeyPrefix(prefix).withCluster(true);
    }

    @Test
    void aDeploymentsKeysLiveOnTheNodeOfItsHashTagAndDeploymentsSpreadOverTheNodes() {
        Set<Integer> nodesUsed = new HashSet<>();
        for (int d = 0; d < 12; d++) {
            String prefix = Backends.newPrefix();
            RedisBackend node = backends().node(prefix, 16);
            node.signingKeys().keys();
            node.events().publish(ANN, Instant.now(), List.of(new CoreEvent.AgentNotice("INFO", "hello", null)));
            RedisServer holder = cluster.get().nodeOf("{" + prefix + "}");
            Object keys = holder.command("KEYS", "{" + prefix + "}:*");
            assertThat((List<?>) keys).as("keys of %s on its node", prefix).hasSize(3);
            nodesUsed.add(holder.port());
        }
        assertThat(nodesUsed).as("deployments spread over the nodes").hasSizeGreaterThan(1);
    }

    @Test
    void eventsReachASubscriberOfAnotherNodeOfTheDeployment() throws Exception {
        String prefix = Backends.newPrefix();
        RedisBackend a = backends().node(prefix, 16);
        RedisBackend b = backends().node(prefix, 16);
        List<Long> seen = new CopyOnWriteArrayList<>();
        b.events().subscribe(ANN, 0, new AgentEventListener() {
            @Override
            public void onEvent(SequencedEvent event) {
                seen.add(event.sequence());
            }
        });
        for (int i = 0; i < 20; i++) {
            a.events().publish(ANN, Instant.now(), List.of(new CoreEvent.AgentNotice("INFO", "n" + i, null)));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.size() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
    }
}
