package io.callbridge.benchmarks.jmh;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.adapter.hubspot.internal.HubSpotCrmBridge;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.phone.PhoneNumberParser;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Core event → HubSpot message bytes, through the HubSpot adapter's real agent bridge ({@link AdapterHarness}): the
 * four events of an outbound call (created while dialling, connected, ended, wrapped up) each become one SDK message
 * (OUTGOING_CALL_STARTED, CALL_ANSWERED, CALL_ENDED, CALL_COMPLETED with its engagement properties), encoded by
 * {@code HubSpotMessageCodec} into the invocation's JSON. Score: per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HubSpotTranslationBenchmark {
    static final String DISPOSITION = "connected";

    private AdapterHarness harness;
    private AgentBridge bridge;
    private Call dialing;
    private Call connected;
    private Call ended;
    private Call wrapped;

    @Setup(Level.Trial)
    public void attach() {
        harness = new AdapterHarness("null");
        HubSpotSettings settings = HubSpotSettings.DEFAULTS.withDispositions(Map.of(DISPOSITION,
                "f240bbac-87c9-4f6e-bf70-924b57d47db7"));
        Clock clock = Clock.fixed(AdapterHarness.T0.plusSeconds(300), ZoneOffset.UTC);
        bridge = new HubSpotCrmBridge(harness, new PhoneNumberParser("US"), clock, settings, harness)
                .attach(AdapterHarness.AGENT, harness);
        bridge.frameJoined(harness.frame);
        bridge.crmEvent(harness.frame, "READY", "{\"iframeLocation\":\"widget\",\"portalId\":22104933,"
                + "\"ownerId\":53728419}");

        Call queued = Call.outbound(CallId.of("cb-bench-7f3a"), AdapterHarness.AGENT, null, CoreCallBenchmark.TO,
                AdapterHarness.T0);
        dialing = queued.toBuilder().from(CoreCallBenchmark.FROM).state(CallState.DIALING)
                .record(new CrmRecordRef("hubspot", "CONTACT", "9001", "Ada Lovelace"))
                .crmLinks(Map.of("hubspot.engagementId", "51234567890")).build();
        connected = dialing.toBuilder().state(CallState.CONNECTED).connectedAt(AdapterHarness.T0.plusSeconds(5))
                .build();
        ended = connected.toBuilder().state(CallState.ENDED).endStatus(EndStatus.COMPLETED)
                .endedAt(AdapterHarness.T0.plusSeconds(185)).build();
        wrapped = ended.toBuilder().state(CallState.WRAPPED_UP).wrappedUpAt(AdapterHarness.T0.plusSeconds(200))
                .outcome(new CallOutcome(DISPOSITION, "Discussed renewal; send quote by Friday.", null)).build();

        // The harness must see exactly one message per event, in HubSpot's order, or the score means nothing.
        List<String> expected = List.of("OUTGOING_CALL_STARTED", "CALL_ANSWERED", "CALL_ENDED", "CALL_COMPLETED");
        for (int round = 0; round < 2; round++) {
            for (int step = 0; step < 4; step++) {
                long before = harness.invocations;
                fire(step);
                if (harness.invocations != before + 1 || !harness.last.method().equals(expected.get(step))) {
                    throw new IllegalStateException("step " + step + " sent " + (harness.invocations - before)
                            + " invocations, last " + harness.last);
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public long callEvents() {
        for (int step = 0; step < 4; step++) {
            fire(step);
        }
        return harness.argChars;
    }

    private void fire(int step) {
        switch (step) {
            case 0 -> harness.fire(dialing, new CoreEvent.CallCreated(dialing));
            case 1 -> harness.fire(connected, new CoreEvent.CallStateChanged(connected, CallState.DIALING));
            case 2 -> harness.fire(ended, new CoreEvent.CallStateChanged(ended, CallState.CONNECTED));
            default -> harness.fire(wrapped, new CoreEvent.CallStateChanged(wrapped, CallState.ENDED));
        }
    }
}
