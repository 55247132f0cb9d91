package io.callbridge.core.spi;

import io.callbridge.core.model.AgentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Core's default {@link DeliveryStore}: this JVM's memory, so owed side effects end with the process. Here rather than in
 * {@code core.internal} so that {@link DeliveryStore#inMemory()} can make one without a package cycle.
 */
final class InMemoryDeliveryStore implements DeliveryStore {
    private final ConcurrentHashMap<String, OwedDelivery> entries = new ConcurrentHashMap<>();
    /** Fences are unique across every key's whole history, so a stale one never matches a later entry. */
    private final AtomicLong fences = new AtomicLong();

    @Override
    public Optional<OwedDelivery> claim(OwedDelivery owed, String claimant, Instant now, Instant until) {
        OwedDelivery[] claimed = new OwedDelivery[1];
        entries.compute(owed.key(), (key, current) -> {
            OwedDelivery base = current == null ? owed : current;
            if (current != null && current.claimedByOtherAt(claimant, now)) {
                return current;
            }
            claimed[0] = new OwedDelivery(key, base.agent(), base.crm(), base.method(), base.argsJson(),
                    base.attempts(), claimant, until, fences.incrementAndGet());
            return claimed[0];
        });
        return Optional.ofNullable(claimed[0]);
    }

    @Override
    public boolean renew(String key, long fence, Instant until) {
        boolean[] done = {false};
        entries.computeIfPresent(key, (k, current) -> {
            if (current.fence() != fence || current.claimant() == null) {
                return current;
            }
            done[0] = true;
            return new OwedDelivery(k, current.agent(), current.crm(), current.method(), current.argsJson(),
                    current.attempts(), current.claimant(), until, current.fence());
        });
        return done[0];
    }

    @Override
    public Optional<Integer> attemptFailed(String key, long fence) {
        int[] attempts = {-1};
        entries.computeIfPresent(key, (k, current) -> {
            if (current.fence() != fence) {
                return current;
            }
            attempts[0] = current.attempts() + 1;
            return new OwedDelivery(k, current.agent(), current.crm(), current.method(), current.argsJson(),
                    attempts[0], null, null, current.fence());
        });
        return attempts[0] < 0 ? Optional.empty() : Optional.of(attempts[0]);
    }

    @Override
    public boolean release(String key, long fence) {
        boolean[] done = {false};
        entries.computeIfPresent(key, (k, current) -> {
            if (current.fence() != fence) {
                return current;
            }
            done[0] = true;
            return new OwedDelivery(k, current.agent(), current.crm(), current.method(), current.argsJson(),
                    current.attempts(), null, null, current.fence());
        });
        return done[0];
    }

    @Override
    public boolean finish(String key, long fence) {
        boolean[] done = {false};
        entries.computeIfPresent(key, (k, current) -> {
            if (current.fence() != fence) {
                return current;
            }
            done[0] = true;
            return null;
        });
        return done[0];
    }

    @Override
    public Optional<OwedDelivery> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public List<OwedDelivery> pending(AgentId agent) {
        List<OwedDelivery> list = new ArrayList<>();
        for (OwedDelivery entry : entries.values()) {
            if (entry.agent().equals(agent)) {
                list.add(entry);
            }
        }
        return list;
    }

    @Override
    public boolean park(OwedDelivery owed) {
        OwedDelivery parked = OwedDelivery.of(owed.key(), owed.agent(), owed.crm(), owed.method(), owed.argsJson());
        return entries.putIfAbsent(owed.key(), parked) == null;
    }

    @Override
    public List<OwedDelivery> owedBy(String crm, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return entries.values().stream().filter(o -> o.crm().equals(crm)).limit(limit).toList();
    }
}
