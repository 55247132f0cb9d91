package io.callbridge.testkit.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Redis Sentinel for tests: a master and a replica ({@code redis-server} processes on free loopback ports) watched by
 * sentinels ({@code redis-server --sentinel}) under the master name {@value #MASTER_NAME}, quorum 1.
 * {@link #uri()} is the {@code redis-sentinel://} URI a client connects with; {@link #failover()} moves the master to
 * the other server as an operator's {@code SENTINEL FAILOVER} would, and returns once the new master accepts writes.
 */
public final class RedisSentinelGroup implements AutoCloseable {
    public static final String MASTER_NAME = "callbridge";
    private static final Duration READY = Duration.ofSeconds(60);

    private final List<RedisServer> data = new ArrayList<>();
    private final List<RedisServer> sentinels = new ArrayList<>();

    private RedisSentinelGroup() {
    }

    /**
     * Starts a master, a replica of it and {@code sentinelCount} sentinels, and returns once every sentinel knows the
     * replica and it is in sync.
     */
    public static RedisSentinelGroup start(int sentinelCount) {
        if (sentinelCount < 1) {
            throw new IllegalArgumentException("at least one sentinel");
        }
        RedisSentinelGroup group = new RedisSentinelGroup();
        try {
            RedisServer master = RedisServer.builder().start();
            group.data.add(master);
            RedisServer replica = RedisServer.builder().config("replicaof " + master.host() + " " + master.port())
                    .start();
            group.data.add(replica);
            for (int i = 0; i < sentinelCount; i++) {
                group.sentinels.add(RedisServer.builder().sentinel()
                        .config("sentinel monitor " + MASTER_NAME + " " + master.host() + " " + master.port() + " 1")
                        .config("sentinel down-after-milliseconds " + MASTER_NAME + " 2000")
                        .config("sentinel failover-timeout " + MASTER_NAME + " 10000")
                        .config("sentinel parallel-syncs " + MASTER_NAME + " 1")
                        .start());
            }
            group.awaitReplicaKnown();
            return group;
        } catch (RuntimeException e) {
            group.close();
            throw e;
        }
    }

    /** {@code redis-sentinel://127.0.0.1:S1,127.0.0.1:S2#callbridge}. */
    public String uri() {
        StringBuilder b = new StringBuilder("redis-sentinel://");
        for (int i = 0; i < sentinels.size(); i++) {
            b.append(i == 0 ? "" : ",").append(sentinels.get(i).host()).append(':').append(sentinels.get(i).port());
        }
        return b.append('#').append(MASTER_NAME).toString();
    }

    /** The server the first sentinel names as master now. */
    public RedisServer master() {
        int port = masterPort();
        return data.stream().filter(s -> s.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("the sentinels name an unknown master on port " + port));
    }

    public List<RedisServer> sentinels() {
        return List.copyOf(sentinels);
    }

    /**
     * Fails the master over to the replica ({@code SENTINEL FAILOVER}, retried while the sentinel has no good replica
     * yet), then waits until the new master takes writes and the old one follows it.
     *
     * @return the new master
     */
    public RedisServer failover() {
        RedisServer before = master();
        RedisServer sentinel = sentinels.get(0);
        Topologies.await(READY, "SENTINEL FAILOVER to be accepted", () -> {
            sentinel.command("SENTINEL", "FAILOVER", MASTER_NAME);
            return true;
        });
        Topologies.await(READY, "a new master after the failover", () -> masterPort() != before.port());
        RedisServer after = master();
        Topologies.await(READY, "the new master to take writes",
                () -> "master".equals(Topologies.info(after.command("INFO", "replication"), "role")));
        Topologies.await(READY, "the old master to follow the new one", () -> "up".equals(
                Topologies.info(before.command("INFO", "replication"), "master_link_status")));
        for (RedisServer s : sentinels) {
            Topologies.await(READY, "every sentinel to name the new master", () -> portNamedBy(s) == after.port());
        }
        awaitReplicaKnown();
        return after;
    }

    private void awaitReplicaKnown() {
        for (RedisServer s : sentinels) {
            Topologies.await(READY, "sentinel " + s.port() + " to know an in-sync replica", () -> {
                Object replicas = s.command("SENTINEL", "REPLICAS", MASTER_NAME);
                if (!(replicas instanceof List<?> list) || list.isEmpty()) {
                    return false;
                }
                String fields = String.valueOf(list.get(0));
                return !fields.contains("s_down") && !fields.contains("disconnected")
                        && fields.contains("master-link-status, ok");
            });
        }
    }

    private int masterPort() {
        return portNamedBy(sentinels.get(0));
    }

    private static int portNamedBy(RedisServer sentinel) {
        Object addr = sentinel.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
        if (!(addr instanceof List<?> list) || list.size() != 2) {
            throw new IllegalStateException("sentinel names no master: " + addr);
        }
        return Integer.parseInt(String.valueOf(list.get(1)));
    }

    @Override
    public void close() {
        for (RedisServer s : sentinels) {
            s.close();
        }
        for (RedisServer s : data) {
            s.close();
        }
    }

    @Override
    public String toString() {
        @Nullable String uri = sentinels.isEmpty() ? null : uri();
        return "Redis Sentinel " + uri;
    }
}
