package io.callbridge.benchmarks.load;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the bridges of one run observed: traffic, errors by kind, calls, and the latencies measured on the generator's
 * side. Thread-safe; {@link #measuring} decides whether an observation counts (warm-up does not).
 */
public final class FlowStats {
    private static final int LATENCY_CAP = 2_000_000;

    public final Traffic traffic = new Traffic();
    public final SizeSample sizes = new SizeSample(65_536);
    /**
     * The dial sent → the server's first answer to it, in µs, every CRM together: a HubSpot uiAction dial → its ack, a
     * Salesforce onClickToDial → the setSoftphonePanelVisibility it causes (a full round trip through transport, core
     * and adapter). Per CRM under {@link #step}.
     */
    public final LatencyRecorder dialAck = new LatencyRecorder(LATENCY_CAP);
    /**
     * uiAction wrapUp sent → the call's log invocation received, in µs, every CRM together: HubSpot's CALL_COMPLETED,
     * Salesforce's saveLog (or, for Sales Engagement work, the hvs.completeWork after it). Per CRM under {@link #step}.
     */
    public final LatencyRecorder wrapUpToLog = new LatencyRecorder(LATENCY_CAP);
    /** Echo runs: frame sent → the same frame back, in µs. */
    public final LatencyRecorder echoRoundTrip = new LatencyRecorder(LATENCY_CAP);
    public final LongAdder callsStarted = new LongAdder();
    public final LongAdder callsLogged = new LongAdder();
    /** Every call logged, warm-up included: what the server holds after the run. */
    public final LongAdder allCallsLogged = new LongAdder();
    public final LongAdder dialsWithoutIdleAgent = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    /** Latencies of measured calls by CRM and step, e.g. {@code salesforce.wrapUpToSaveLog}. */
    private final Map<String, LatencyRecorder> steps = new ConcurrentHashMap<>();
    /** The CRM of each measured call whose invocation arrived. */
    private final Map<String, String> callCrm = new ConcurrentHashMap<>();
    /** Invocations of measured calls: "callId|DIALING" etc. → when the bridge received it (epoch µs). */
    private final Map<String, Long> invocationReceived = new ConcurrentHashMap<>();
    private volatile boolean measuring;

    public void measuring(boolean on) {
        measuring = on;
    }

    public boolean measuring() {
        return measuring;
    }

    public void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public long errorCount() {
        long n = 0;
        for (LongAdder a : errors.values()) {
            n += a.sum();
        }
        return n;
    }

    /** The bridge received the invocation that answers phone event {@code kind} of a measured call. */
    public void invocationReceived(String crm, String callId, String kind, long epochMicros) {
        invocationReceived.put(callId + "|" + kind, epochMicros);
        callCrm.put(callId, crm);
    }

    /** The CRM of a measured call that received an invocation, or null. */
    public @Nullable String crmOf(String callId) {
        return callCrm.get(callId);
    }

    /** The recorder of one step of one CRM ({@code hubspot.dialToAck}); made on first use. */
    public LatencyRecorder step(String name) {
        return steps.computeIfAbsent(name, k -> new LatencyRecorder(LATENCY_CAP));
    }

    /** Every step's summary, by name. */
    public Map<String, Percentiles> stepSummaries() {
        Map<String, Percentiles> m = new TreeMap<>();
        steps.forEach((k, v) -> m.put(k, v.summary()));
        return m;
    }

    /** When the bridge received it, or null if it did not (or the call was not measured). */
    public @Nullable Long invocationReceivedAt(String callId, String kind) {
        return invocationReceived.get(callId + "|" + kind);
    }
}
