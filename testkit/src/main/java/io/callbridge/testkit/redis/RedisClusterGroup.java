package io.callbridge.testkit.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster for tests: three masters ({@code redis-server} with {@code cluster-enabled yes} on free loopback
 * ports, each with its cluster bus on another free port), the 16384 slots split between them with
 * {@code CLUSTER ADDSLOTSRANGE}, joined with {@code CLUSTER MEET}. No replicas. {@link #uri()} names the first node;
 * a cluster client discovers the others.
 */
public final class RedisClusterGroup implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final int SLOTS = 16384;

    private final List<RedisServer> nodes = new ArrayList<>();

    private RedisClusterGroup() {
    }

    /** Starts {@code count} (at least 3) nodes and returns once every node reports {@code cluster_state:ok}. */
    public static RedisClusterGroup start(int count) {
        if (count < 3) {
            throw new IllegalArgumentException("a Redis Cluster needs at least three masters");
        }
        RedisClusterGroup group = new RedisClusterGroup();
        try {
            for (int i = 0; i < count; i++) {
                group.nodes.add(RedisServer.builder().clusterEnabled().start());
            }
            for (int i = 0; i < count; i++) {
                int from = i * SLOTS / count;
                int to = (i + 1) * SLOTS / count - 1;
                group.nodes.get(i).command("CLUSTER", "ADDSLOTSRANGE", Integer.toString(from), Integer.toString(to));
            }
            RedisServer first = group.nodes.get(0);
            for (int i = 1; i < count; i++) {
                RedisServer other = group.nodes.get(i);
                first.command("CLUSTER", "MEET", other.host(), Integer.toString(other.port()),
                        Integer.toString(other.clusterPort()));
            }
            for (RedisServer node : group.nodes) {
                Topologies.await(READY, "node " + node.port() + " to see the cluster ok", () -> {
                    Object info = node.command("CLUSTER", "INFO");
                    return "ok".equals(Topologies.info(info, "cluster_state"))
                            && Integer.toString(count).equals(Topologies.info(info, "cluster_known_nodes"))
                            && Integer.toString(SLOTS).equals(Topologies.info(info, "cluster_slots_ok"));
                });
            }
            return group;
        } catch (RuntimeException e) {
            group.close();
            throw e;
        }
    }

    /** {@code redis://127.0.0.1:PORT} of the first node. */
    public String uri() {
        return nodes.get(0).uri();
    }

    public List<RedisServer> nodes() {
        return List.copyOf(nodes);
    }

    /** The node that holds the slot of {@code key} ({@code CLUSTER KEYSLOT}). */
    public RedisServer nodeOf(String key) {
        long slot = (Long) nodes.get(0).command("CLUSTER", "KEYSLOT", key);
        // Slots were split evenly in order; the node whose range holds the slot:
        for (int n = 0; n < nodes.size(); n++) {
            int from = n * SLOTS / nodes.size();
            int to = (n + 1) * SLOTS / nodes.size() - 1;
            if (slot >= from && slot <= to) {
                return nodes.get(n);
            }
        }
        throw new IllegalStateException("no node holds slot " + slot);
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
