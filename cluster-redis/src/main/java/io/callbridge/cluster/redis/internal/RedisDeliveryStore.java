package io.callbridge.cluster.redis.internal;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.DeliveryStore;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DeliveryStore} in Redis. Each owed side effect is a hash under {@code {P}:owed:v:<key>} (key, agent, crm,
 * method, args, attempts, claimant, untilS/untilN — the lease's end to the nanosecond — and fence); a set per agent
 * ({@code {P}:owed:agent:<agent>}) lists an agent's keys and a set per CRM ({@code {P}:owed:crm:<crm>}) the CRM's
 * keys, both kept by the same scripts that create (claim, park) and remove (finish) entries, and a CRM's set cleaned
 * of stale members as {@link #owedBy} meets them; fences come from one counter per deployment
 * ({@code {P}:owed:fence}), so a fence is never reused. Each change is one Lua script; a claim compares the lease with
 * the caller's {@code now}, not Redis's clock, as the SPI says.
 */
final class RedisDeliveryStore implements DeliveryStore {
    private static final String[] FIELDS = {"key", "agent", "crm", "method", "args", "attempts", "claimant", "untilS",
            "untilN", "fence"};

    private final RedisClusterCommands<String, String> redis;
    private final Scripts scripts;
    private final Keys keys;

    RedisDeliveryStore(RedisClusterCommands<String, String> redis, Scripts scripts, Keys keys) {
        this.redis = redis;
        this.scripts = scripts;
        this.keys = keys;
    }

    @Override
    public Optional<OwedDelivery> claim(OwedDelivery owed, String claimant, Instant now, Instant until) {
        String agent = Keys.text(owed.agent());
        List<Object> entry = scripts.owedClaim.run(redis, ScriptOutputType.MULTI,
                new String[] {keys.owedPrefix() + owed.key(), keys.owedByAgentPrefix() + agent, keys.fence()},
                claimant, Long.toString(now.getEpochSecond()), Integer.toString(now.getNano()),
                Long.toString(until.getEpochSecond()), Integer.toString(until.getNano()), agent, owed.crm(),
                owed.method(), owed.argsJson(), owed.key(), keys.owedByCrmPrefix());
        return entry.isEmpty() ? Optional.empty() : Optional.of(entry(entry, 0));
    }

    @Override
    public boolean renew(String key, long fence, Instant until) {
        Long done = scripts.owedRenew.run(redis, ScriptOutputType.INTEGER, new String[] {keys.owedPrefix() + key},
                Long.toString(fence), Long.toString(until.getEpochSecond()), Integer.toString(until.getNano()));
        return done != null && done == 1;
    }

    @Override
    public Optional<Integer> attemptFailed(String key, long fence) {
        long attempts = unclaim(key, fence, true);
        return attempts < 0 ? Optional.empty() : Optional.of((int) attempts);
    }

    @Override
    public boolean release(String key, long fence) {
        return unclaim(key, fence, false) >= 0;
    }

    @Override
    public boolean finish(String key, long fence) {
        Long done = scripts.owedFinish.run(redis, ScriptOutputType.INTEGER, new String[] {keys.owedPrefix() + key},
                Long.toString(fence), keys.owedByAgentPrefix(), key, keys.owedByCrmPrefix());
        return done != null && done == 1;
    }

    @Override
    public Optional<OwedDelivery> get(String key) {
        List<KeyValue<String, String>> fields = redis.hmget(keys.owedPrefix() + key, FIELDS);
        if (!fields.get(0).hasValue()) {
            return Optional.empty();
        }
        List<Object> values = new ArrayList<>(FIELDS.length);
        fields.forEach(kv -> values.add(kv.getValueOrElse(null)));
        return Optional.of(entry(values, 0));
    }

    @Override
    public List<OwedDelivery> pending(AgentId agent) {
        List<Object> all = scripts.owedPending.run(redis, ScriptOutputType.MULTI,
                new String[] {keys.owedByAgentPrefix() + Keys.text(agent)}, keys.owedPrefix());
        return entries(all);
    }

    /** The entries of a script's answer: {@link #FIELDS} of each, one after the other. */
    private static List<OwedDelivery> entries(List<Object> all) {
        List<OwedDelivery> entries = new ArrayList<>(all.size() / FIELDS.length);
        for (int i = 0; i + FIELDS.length <= all.size(); i += FIELDS.length) {
            entries.add(entry(all, i));
        }
        return entries;
    }

    @Override
    public boolean park(OwedDelivery owed) {
        String agent = Keys.text(owed.agent());
        Long created = scripts.owedPark.run(redis, ScriptOutputType.INTEGER, new String[] {
            keys.owedPrefix() + owed.key(), keys.owedByAgentPrefix() + agent, keys.owedByCrmPrefix() + owed.crm()},
                owed.key(), agent, owed.crm(), owed.method(), owed.argsJson());
        return created != null && created == 1;
    }

    @Override
    public List<OwedDelivery> owedBy(String crm, int limit) {
        Objects.requireNonNull(crm, "crm");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<Object> all = scripts.owedBy.run(redis, ScriptOutputType.MULTI,
                new String[] {keys.owedByCrmPrefix() + crm}, keys.owedPrefix(), Integer.toString(limit), crm);
        return entries(all);
    }

    private long unclaim(String key, long fence, boolean countAttempt) {
        Long attempts = scripts.owedUnclaim.run(redis, ScriptOutputType.INTEGER,
                new String[] {keys.owedPrefix() + key}, Long.toString(fence), countAttempt ? "1" : "0");
        return attempts == null ? -1 : attempts;
    }

    /** The entry whose {@link #FIELDS} start at {@code from}. */
    private static OwedDelivery entry(List<Object> f, int from) {
        String claimant = text(f, from + 6);
        String untilS = text(f, from + 7);
        String untilN = text(f, from + 8);
        Instant until = claimant == null || untilS == null || untilN == null ? null
                : Instant.ofEpochSecond(Long.parseLong(untilS), Long.parseLong(untilN));
        return new OwedDelivery(text(f, from), Keys.agent(text(f, from + 1)), text(f, from + 2), text(f, from + 3),
                text(f, from + 4), Integer.parseInt(text(f, from + 5)), until == null ? null : claimant, until,
                Long.parseLong(text(f, from + 9)));
    }

    private static String text(List<Object> f, int i) {
        Object o = f.get(i);
        return o == null ? null : o.toString();
    }
}
