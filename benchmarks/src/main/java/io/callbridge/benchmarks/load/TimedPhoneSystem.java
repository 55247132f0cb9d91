package io.callbridge.benchmarks.load;

import io.callbridge.core.CommandResult;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load server's phone system: every outbound call is taken up at once, rings, is answered after
 * {@code answerAfter} and hung up by the far end {@code talk} later, all on timers. Agent requests are confirmed at
 * once. Each report that the generator measures (Dialing, Answered, Ended) is stamped with {@link Clocks#epochMicros()}
 * just before it goes into core, and the stamp kept until the generator collects it.
 */
public final class TimedPhoneSystem implements TelephonyProvider {
    private static final Logger LOG = LoggerFactory.getLogger(TimedPhoneSystem.class);

    /** A measured report: which call, which kind (DIALING, ANSWERED, ENDED), when it went into core. */
    public record Stamp(String callId, String kind, long epochMicros) { }

    private final ScheduledExecutorService timers;
    private final Duration ringAfter;
    private final Duration answerAfter;
    private final Duration talk;
    private final PhoneNumber callerId;
    /**
     * Stamps as text lines ({@code callId kind micros}) in one growing buffer rather than an object each: tens of
     * thousands of small objects alive until the end of the run would be copied by every young GC of the server under
     * test and lengthen the very pauses the run measures. A large buffer lives outside the young generation.
     */
    private final StringBuilder stamps = new StringBuilder(1 << 20);
    private final Map<CallId, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final AtomicLong rejectedReports = new AtomicLong();
    private volatile @Nullable TelephonyEvents events;
    /** Where reports go instead of this node's core: another node's webhook ({@link PhoneWebhook}). */
    private volatile @Nullable Consumer<ProviderEvent> forward;

    public TimedPhoneSystem(ScheduledExecutorService timers, Duration ringAfter, Duration answerAfter, Duration talk,
            PhoneNumber callerId) {
        this.timers = Objects.requireNonNull(timers, "timers");
        this.ringAfter = ringAfter;
        this.answerAfter = answerAfter;
        this.talk = talk;
        this.callerId = callerId;
        if (ringAfter.compareTo(answerAfter) > 0) {
            throw new IllegalArgumentException("ringAfter must not be after answerAfter");
        }
    }

    /** Where reports go; set once the application is built (core needs the provider before it exists). */
    public void reportTo(TelephonyEvents target) {
        this.events = Objects.requireNonNull(target, "target");
    }

    /**
     * Sends every report to {@code next} (another node's {@link PhoneWebhook.Receiver}) instead of this node's core, as a
     * vendor's webhook may reach any node; stamps are still taken here, just before a report leaves.
     */
    public void forwardTo(Consumer<ProviderEvent> next) {
        this.forward = Objects.requireNonNull(next, "next");
    }

    @Override
    public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
        PhoneNumber presented = from != null ? from : callerId;
        after(Duration.ZERO, callId, () -> {
            report(new ProviderEvent.Dialing(callId, presented), "DIALING");
            pending.put(callId, timers.schedule(() -> {
                report(new ProviderEvent.Ringing(callId), null);
                pending.put(callId, timers.schedule(() -> {
                    report(new ProviderEvent.Answered(callId), "ANSWERED");
                    pending.put(callId, timers.schedule(() -> {
                        pending.remove(callId);
                        report(new ProviderEvent.Ended(callId, EndStatus.COMPLETED), "ENDED");
                    }, talk.toMillis(), TimeUnit.MILLISECONDS));
                }, answerAfter.minus(ringAfter).toMillis(), TimeUnit.MILLISECONDS));
            }, ringAfter.toMillis(), TimeUnit.MILLISECONDS));
        });
    }

    @Override
    public void answer(CallId callId) {
        after(Duration.ZERO, callId, () -> report(new ProviderEvent.Answered(callId), null));
    }

    @Override
    public void reject(CallId callId) {
        cancel(callId);
        after(Duration.ZERO, callId, () -> report(new ProviderEvent.Ended(callId, EndStatus.REJECTED), null));
    }

    @Override
    public void hangUp(CallId callId) {
        cancel(callId);
        after(Duration.ZERO, callId, () -> report(new ProviderEvent.Ended(callId, EndStatus.COMPLETED), null));
    }

    @Override
    public void hold(CallId callId) {
        after(Duration.ZERO, callId, () -> report(new ProviderEvent.Held(callId), null));
    }

    @Override
    public void resume(CallId callId) {
        after(Duration.ZERO, callId, () -> report(new ProviderEvent.Resumed(callId), null));
    }

    @Override
    public void transfer(CallId callId, String target) {
        cancel(callId);
        after(Duration.ZERO, callId, () -> report(new ProviderEvent.Ended(callId, EndStatus.TRANSFERRED), null));
    }

    @Override
    public void setMuted(CallId callId, boolean muted) {
        after(Duration.ZERO, callId, () -> report(new ProviderEvent.MuteChanged(callId, muted), null));
    }

    /** Hands every stamp taken so far to {@code sink} and forgets it. */
    public void drainStamps(Consumer<Stamp> sink) {
        String lines;
        synchronized (stamps) {
            lines = stamps.toString();
            stamps.setLength(0);
        }
        int start = 0;
        while (start < lines.length()) {
            int end = lines.indexOf('\n', start);
            String[] parts = lines.substring(start, end).split(" ");
            sink.accept(new Stamp(parts[0], parts[1], Long.parseLong(parts[2])));
            start = end + 1;
        }
    }

    /** Reports core refused: a sign of a broken flow, reported by the generator as errors. */
    public long rejectedReports() {
        return rejectedReports.get();
    }

    private void after(Duration delay, CallId callId, Runnable task) {
        timers.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("phone event for {} failed", callId, e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancel(CallId callId) {
        ScheduledFuture<?> next = pending.remove(callId);
        if (next != null) {
            next.cancel(false);
        }
    }

    private void report(ProviderEvent event, @Nullable String measuredAs) {
        TelephonyEvents target = events;
        if (target == null) {
            throw new IllegalStateException("reportTo was not called");
        }
        if (measuredAs != null) {
            long micros = Clocks.epochMicros();
            synchronized (stamps) {
                stamps.append(event.callId().value()).append(' ').append(measuredAs).append(' ').append(micros)
                        .append('\n');
            }
        }
        Consumer<ProviderEvent> next = forward;
        if (next != null) {
            next.accept(event); // the receiving node counts what its core refuses
            return;
        }
        CommandResult result = target.report(event);
        if (result instanceof CommandResult.Rejected rejected) {
            rejectedReports.incrementAndGet();
            LOG.warn("core refused {}: {}", event, rejected.error());
        }
    }
}
