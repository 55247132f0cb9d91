package io.callbridge.cluster.redis.internal;

import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.AgentEventRouter;
import io.callbridge.core.spi.StoreUnavailableException;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.VersionedStore;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ValueScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link VersionedStore} in Redis. Each value is a hash ({@code ver}, {@code owner}, {@code open}, {@code json})
 * under {@code {P}:<kind>:v:<member>}, where the member is the key's text; three sets index the members: every one
 * ({@code {P}:<kind>:all}), an owner's ({@code {P}:<kind>:owner:<agent>}) and an owner's open ones
 * ({@code {P}:<kind>:open:<agent>}). A store that keeps recent members (calls) also lists each owner's most recently
 * closed members, newest first, at most {@code recentKept} ({@code {P}:<kind>:recent:<agent>}), so that a snapshot
 * of open and recent calls need not read every call kept. Writes and removals are Lua scripts that check the version
 * and change the value and all its indexes in one atomic step, so every node sees a value and its indexes change together. A write that
 * fails because Redis is unreachable throws core's {@code StoreUnavailableException} and leaves the owner in
 * {@link Unannounced}. A write with events for the backend's own router ({@link #compareAndSetAndPublish}) is one
 * script with their publish ({@code store-cas-publish}).
 */
final class RedisVersionedStore<K, V> implements VersionedStore<K, V> {
    private static final int SCAN_BATCH = 200;
    /** How many arguments store-cas takes (store-cas-publish's first ones). */
    private static final int CAS_ARGS = 7;

    private final RedisClusterCommands<String, String> redis;
    private final Scripts scripts;
    private final StoredJson.Codec<V> codec;
    private final Function<K, String> member;
    private final String valuePrefix;
    private final String all;
    /** The members of every owner's open values, for housekeeping's frequent rounds. */
    private final String openAll;
    private final String ownerPrefix;
    private final String openPrefix;
    private final String recentPrefix;
    /** How many recently closed members each owner's list keeps; 0 for none. */
    private final int recentKept;
    private final String recentKeptText;
    private final Unannounced unannounced;
    private final @Nullable Predicate<V> forgettable;
    private final String retentionMillis;
    /** The router of the same backend: a write whose events go to it is one script with their publish. */
    private final RedisAgentEventRouter events;

    /**
     * A store whose values stay until removed, listing each owner's {@code recentKept} most recently closed members
     * (0: no list).
     */
    RedisVersionedStore(RedisClusterCommands<String, String> redis, Scripts scripts, Keys keys, String kind,
            StoredJson.Codec<V> codec, Function<K, String> member, Unannounced unannounced,
            RedisAgentEventRouter events, int recentKept) {
        this(redis, scripts, keys, kind, codec, member, unannounced, events, null, Duration.ofDays(1), recentKept);
    }

    /**
     * A store of values that are one per owner (agents), where a value written {@code forgettable} expires, with the
     * owner's two sets, {@code retention} after that write unless written again; any other write keeps it.
     */
    RedisVersionedStore(RedisClusterCommands<String, String> redis, Scripts scripts, Keys keys, String kind,
            StoredJson.Codec<V> codec, Function<K, String> member, Unannounced unannounced,
            RedisAgentEventRouter events, @Nullable Predicate<V> forgettable, Duration retention) {
        this(redis, scripts, keys, kind, codec, member, unannounced, events, forgettable, retention, 0);
    }

    private RedisVersionedStore(RedisClusterCommands<String, String> redis, Scripts scripts, Keys keys, String kind,
            StoredJson.Codec<V> codec, Function<K, String> member, Unannounced unannounced,
            RedisAgentEventRouter events, @Nullable Predicate<V> forgettable, Duration retention, int recentKept) {
        if (recentKept < 0 || (recentKept > 0 && forgettable != null)) {
            throw new IllegalArgumentException("recentKept must be >= 0, and 0 for expiring values, but was "
                    + recentKept);
        }
        this.recentKept = recentKept;
        this.recentKeptText = Integer.toString(recentKept);
        this.events = events;
        this.forgettable = forgettable;
        this.retentionMillis = Long.toString(retention.toMillis());
        this.redis = redis;
        this.unannounced = unannounced;
        this.scripts = scripts;
        this.codec = codec;
        this.member = member;
        this.valuePrefix = keys.valuePrefix(kind);
        this.all = keys.all(kind);
        this.openAll = keys.openAll(kind);
        this.ownerPrefix = keys.ownerPrefix(kind);
        this.openPrefix = keys.openPrefix(kind);
        this.recentPrefix = keys.recentPrefix(kind);
    }

    @Override
    public Optional<Versioned<V>> get(K key) {
        List<io.lettuce.core.KeyValue<String, String>> fields = redis.hmget(valuePrefix + member.apply(key), "ver",
                "json");
        if (!fields.get(0).hasValue() || !fields.get(1).hasValue()) {
            return Optional.empty();
        }
        return Optional.of(versioned(fields.get(0).getValue(), fields.get(1).getValue()));
    }

    @Override
    public Optional<Long> compareAndSet(K key, long expectedVersion, AgentId owner, V value) {
        return compareAndSet(key, expectedVersion, owner, value, true);
    }

    @Override
    public Optional<Long> compareAndSet(K key, long expectedVersion, AgentId owner, V value, boolean open) {
        if (expectedVersion < 0) {
            return Optional.empty();
        }
        String m = member.apply(key);
        String agent = Keys.text(owner);
        Long written;
        try {
            written = scripts.storeCas.run(redis, ScriptOutputType.INTEGER,
                    new String[] {valuePrefix + m, all, ownerPrefix + agent, openPrefix + agent, recentPrefix + agent,
                            openAll},
                    Long.toString(expectedVersion), m, agent, codec.write(value), open ? "1" : "0",
                    forgettable == null ? "-" : forgettable.test(value) ? retentionMillis : "0", recentKeptText);
        } catch (StoreUnavailableException e) {
            // A write that timed out may have been applied after all: the owner's followers re-read once Redis is back.
            unannounced.add(owner);
            throw e;
        }
        return written == null || written == 0 ? Optional.empty() : Optional.of(written);
    }

    /**
     * One script (store-cas-publish) when the events go to this backend's router and there are some: the write and the
     * publish in one atomic step and one round trip. Otherwise the SPI's default, the two calls one after the other.
     */
    @Override
    public Optional<List<SequencedEvent>> compareAndSetAndPublish(K key, long expectedVersion, AgentId owner, V value,
            boolean open, AgentEventRouter router, Instant occurredAt, List<CoreEvent> published) {
        if (router != events || published.isEmpty() || expectedVersion < 0) {
            return VersionedStore.super.compareAndSetAndPublish(key, expectedVersion, owner, value, open, router,
                    occurredAt, published);
        }
        String m = member.apply(key);
        String agent = Keys.text(owner);
        String[] publishKeys = events.publishKeys(owner);
        String[] args = new String[CAS_ARGS + RedisAgentEventRouter.PUBLISH_ARGS + published.size()];
        args[0] = Long.toString(expectedVersion);
        args[1] = m;
        args[2] = agent;
        args[3] = codec.write(value);
        args[4] = open ? "1" : "0";
        args[5] = forgettable == null ? "-" : forgettable.test(value) ? retentionMillis : "0";
        args[6] = recentKeptText;
        events.publishArgs(owner, occurredAt, published, args, CAS_ARGS);
        List<Object> out;
        try {
            out = scripts.storeCasPublish.run(redis, ScriptOutputType.MULTI,
                    new String[] {valuePrefix + m, all, ownerPrefix + agent, openPrefix + agent,
                            recentPrefix + agent, publishKeys[0], publishKeys[1], openAll}, args);
        } catch (StoreUnavailableException e) {
            // A write that timed out may have been applied, with its events or not: re-read once Redis is back.
            unannounced.add(owner);
            throw e;
        }
        long written = (Long) out.get(0);
        if (written == 0) {
            return Optional.empty();
        }
        return Optional.of(RedisAgentEventRouter.numbered(owner, occurredAt, published, (Long) out.get(1)));
    }

    @Override
    public boolean remove(K key, long expectedVersion) {
        String m = member.apply(key);
        Long removed = scripts.storeRemove.run(redis, ScriptOutputType.INTEGER,
                new String[] {valuePrefix + m, all, openAll},
                Long.toString(expectedVersion), m, ownerPrefix, openPrefix);
        return removed != null && removed == 1;
    }

    @Override
    public List<Versioned<V>> findByOwner(AgentId owner) {
        return find(ownerPrefix + Keys.text(owner));
    }

    @Override
    public List<Versioned<V>> findOpenByOwner(AgentId owner) {
        return find(openPrefix + Keys.text(owner));
    }

    /** Every value, read in batches while the set of members is scanned: weakly consistent, as the SPI allows. */
    @Override
    public Collection<Versioned<V>> all() {
        return scan(all);
    }

    /**
     * Every owner's open values, from the set the compare-and-set scripts keep next to the owners' open sets: costs in
     * proportion to the open values. A value written before that set existed is listed once it is written again, and
     * until then by {@link #all()} (housekeeping's full rounds).
     */
    @Override
    public Collection<Versioned<V>> allOpen() {
        return scan(openAll);
    }

    /** The values of the members of {@code set}, read in batches while it is scanned; gone ones leave the set. */
    private Collection<Versioned<V>> scan(String set) {
        List<Versioned<V>> found = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        ScanArgs batch = ScanArgs.Builder.limit(SCAN_BATCH);
        do {
            ValueScanCursor<String> page = redis.sscan(set, cursor, batch);
            if (!page.getValues().isEmpty()) {
                String[] args = new String[page.getValues().size() + 1];
                args[0] = valuePrefix;
                for (int i = 0; i < page.getValues().size(); i++) {
                    args[i + 1] = page.getValues().get(i);
                }
                List<Object> pairs = scripts.storeRead.run(redis, ScriptOutputType.MULTI, new String[] {set}, args);
                addPairs(pairs, found);
            }
            cursor = page;
        } while (!cursor.isFinished());
        return found;
    }

    /** The key of the hash of the value whose member is {@code member}'s text. */
    String valuePrefix() {
        return valuePrefix;
    }

    /** The key of {@code owner}'s set of members. */
    String ownerSet(AgentId owner) {
        return ownerPrefix + Keys.text(owner);
    }

    /** The key of {@code owner}'s set of open members. */
    String openSet(AgentId owner) {
        return openPrefix + Keys.text(owner);
    }

    /** The key of {@code owner}'s list of recently closed members, newest first. */
    String recentList(AgentId owner) {
        return recentPrefix + Keys.text(owner);
    }

    /** How many recently closed members each owner's list keeps (0: none). */
    int recentKept() {
        return recentKept;
    }

    /** The values of {@code count} (version, JSON) pairs of a script's answer from {@code from}. */
    List<Versioned<V>> pairs(List<Object> answer, int from, int count) {
        List<Versioned<V>> found = new ArrayList<>(count);
        addPairs(answer.subList(from, from + 2 * count), found);
        return found;
    }

    /** One value of a script's answer, or empty when the version is null (no value). */
    Optional<Versioned<V>> value(@Nullable Object version, @Nullable Object json) {
        return version == null || json == null ? Optional.empty()
                : Optional.of(versioned((String) version, (String) json));
    }

    private List<Versioned<V>> find(String set) {
        List<Object> pairs = scripts.storeFind.run(redis, ScriptOutputType.MULTI, new String[] {set}, valuePrefix);
        List<Versioned<V>> found = new ArrayList<>(pairs.size() / 2);
        addPairs(pairs, found);
        return found;
    }

    private void addPairs(List<Object> pairs, List<Versioned<V>> into) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            into.add(versioned((String) pairs.get(i), (String) pairs.get(i + 1)));
        }
    }

    private Versioned<V> versioned(String version, String json) {
        return new Versioned<>(codec.read(json), Long.parseLong(version));
    }
}
