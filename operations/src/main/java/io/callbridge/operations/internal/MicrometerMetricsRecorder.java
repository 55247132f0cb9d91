package io.callbridge.operations.internal;

import io.callbridge.core.ErrorCode;
import io.callbridge.core.model.CallState;
import io.callbridge.core.spi.MetricsRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Core's and the transport's {@link MetricsRecorder} on a Micrometer registry. The meters (names as Micrometer writes
 * them; Prometheus shows dots as underscores, counters with {@code _total}, timers in seconds):
 *
 * <ul>
 *   <li>{@code callbridge.sessions} gauge, tag {@code crm}: authenticated bridge sessions open on this node
 *   <li>{@code callbridge.frames.received} / {@code callbridge.frames.sent} counters, tag {@code crm}
 *       ({@code none} before a session's hello)
 *   <li>{@code callbridge.invocations} timer, tags {@code crm}, {@code method}, {@code outcome} ({@code ok},
 *       {@code timeout}, {@code no_frame}, {@code crm_error}, {@code bridge_error})
 *   <li>{@code callbridge.side.effects.pending} gauge, tag {@code crm}; {@code callbridge.side.effects.failed}
 *       counter, tags {@code crm}, {@code method}
 *   <li>{@code callbridge.calls} counter, tag {@code state}: calls entering each state
 *   <li>{@code callbridge.refusals} counter, tag {@code code}: core's refusals by {@link ErrorCode}
 * </ul>
 * Tag values come from a small, fixed set (CRM names, CRM API methods, enums), so the number of series stays bounded.
 */
public final class MicrometerMetricsRecorder implements MetricsRecorder {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> sessions = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();
    private final Map<CallState, Counter> calls = new EnumMap<>(CallState.class);
    private final Map<ErrorCode, Counter> refusals = new EnumMap<>(ErrorCode.class);

    public MicrometerMetricsRecorder(MeterRegistry registry) {
        this.registry = registry;
        // Every state and code from the start, so a dashboard sees zeros rather than missing series.
        for (CallState state : CallState.values()) {
            calls.put(state, Counter.builder("callbridge.calls").description("calls entering each state")
                    .tag("state", state.name()).register(registry));
        }
        for (ErrorCode code : ErrorCode.values()) {
            refusals.put(code, Counter.builder("callbridge.refusals")
                    .description("commands and phone system reports core refused, by code")
                    .tag("code", code.name()).register(registry));
        }
    }

    @Override
    public void sessionOpened(String crm) {
        gauge(sessions, "callbridge.sessions", "authenticated bridge sessions open on this node", crm)
                .incrementAndGet();
    }

    @Override
    public void sessionClosed(String crm) {
        gauge(sessions, "callbridge.sessions", "authenticated bridge sessions open on this node", crm)
                .decrementAndGet();
    }

    @Override
    public void frameReceived(String crm) {
        received.computeIfAbsent(crm, c -> Counter.builder("callbridge.frames.received")
                .description("text frames received from bridges").tag("crm", c).register(registry)).increment();
    }

    @Override
    public void frameSent(String crm) {
        sent.computeIfAbsent(crm, c -> Counter.builder("callbridge.frames.sent")
                .description("frames queued to bridges").tag("crm", c).register(registry)).increment();
    }

    @Override
    public void invocationFinished(String crm, String method, String outcome, Duration latency) {
        Timer.builder("callbridge.invocations").description("CRM invocations, from the adapter's request to the result")
                .tags("crm", crm, "method", method, "outcome", outcome).register(registry).record(latency);
    }

    @Override
    public void sideEffectsPending(String crm, int delta) {
        gauge(pending, "callbridge.side.effects.pending", "CRM side effects owed and not yet settled on this node",
                crm).addAndGet(delta);
    }

    @Override
    public void sideEffectFailed(String crm, String method) {
        Counter.builder("callbridge.side.effects.failed").description("CRM side effects given up on")
                .tags("crm", crm, "method", method).register(registry).increment();
    }

    @Override
    public void callEntered(CallState state) {
        calls.get(state).increment();
    }

    @Override
    public void refused(ErrorCode code) {
        refusals.get(code).increment();
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String name, String description, String crm) {
        return values.computeIfAbsent(crm, c -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).description(description).tag("crm", c).register(registry);
            return value;
        });
    }
}
