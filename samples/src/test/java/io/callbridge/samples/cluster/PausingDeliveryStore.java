package io.callbridge.samples.cluster;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.DeliveryStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A node's real {@link DeliveryStore} that, once, holds the thread that finished a chosen key right after the real
 * {@code finish} returned, until the test lets it go: the moment between "the store forgot the side effect" and "the
 * adapter wrote on the call that it is done", stretched so that another node can act inside it.
 */
final class PausingDeliveryStore implements DeliveryStore {
    private final DeliveryStore real;
    private final Predicate<String> pauseAfterFinishing;
    final CountDownLatch paused = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);

    PausingDeliveryStore(DeliveryStore real, Predicate<String> pauseAfterFinishing) {
        this.real = real;
        this.pauseAfterFinishing = pauseAfterFinishing;
    }

    @Override
    public boolean finish(String key, long fence) {
        boolean finished = real.finish(key, fence);
        if (finished && pauseAfterFinishing.test(key) && paused.getCount() > 0) {
            paused.countDown();
            try {
                resume.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return finished;
    }

    @Override
    public Optional<OwedDelivery> claim(OwedDelivery owed, String claimant, Instant now, Instant until) {
        return real.claim(owed, claimant, now, until);
    }

    @Override
    public boolean renew(String key, long fence, Instant until) {
        return real.renew(key, fence, until);
    }

    @Override
    public Optional<Integer> attemptFailed(String key, long fence) {
        return real.attemptFailed(key, fence);
    }

    @Override
    public boolean release(String key, long fence) {
        return real.release(key, fence);
    }

    @Override
    public Optional<OwedDelivery> get(String key) {
        return real.get(key);
    }

    @Override
    public List<OwedDelivery> pending(AgentId agent) {
        return real.pending(agent);
    }

    @Override
    public boolean park(OwedDelivery owed) {
        return real.park(owed);
    }

    @Override
    public List<OwedDelivery> owedBy(String crm, int limit) {
        return real.owedBy(crm, limit);
    }
}
