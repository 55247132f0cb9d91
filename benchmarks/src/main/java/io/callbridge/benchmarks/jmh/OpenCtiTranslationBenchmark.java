package io.callbridge.benchmarks.jmh;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.internal.SalesforceCrmBridge;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.phone.PhoneNumberParser;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Core event → Open CTI invocation bytes, through the Salesforce adapter's real agent bridge ({@link AdapterHarness}):
 * a call wrapped up becomes its Task ({@code saveLog}, built from the call and encoded by {@code OpenCtiCodec}); the
 * saved Task's id is read from Salesforce's result and a {@code refreshView} follows. Score: per event (two
 * invocations).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OpenCtiTranslationBenchmark {
    private AdapterHarness harness;
    private AgentBridge bridge;
    private Call wrapped;
    private CoreEvent event;

    @Setup(Level.Trial)
    public void attach() {
        harness = new AdapterHarness("{\"success\":true,\"returnValue\":{\"recordId\":\"00T5g00000AbCdEAAK\"},"
                + "\"errors\":null}");
        bridge = new SalesforceCrmBridge(harness, new PhoneNumberParser("US"), SalesforceSettings.DEFAULTS, harness)
                .attach(AdapterHarness.AGENT, harness);
        bridge.frameJoined(harness.frame);
        Call call = Call.outbound(CallId.of("cb-bench-7f3a"), AdapterHarness.AGENT, CoreCallBenchmark.FROM,
                CoreCallBenchmark.TO, AdapterHarness.T0);
        wrapped = call.toBuilder().state(CallState.WRAPPED_UP).connectedAt(AdapterHarness.T0.plusSeconds(5))
                .endStatus(EndStatus.COMPLETED).endedAt(AdapterHarness.T0.plusSeconds(189))
                .wrappedUpAt(AdapterHarness.T0.plusSeconds(200))
                .record(new CrmRecordRef("salesforce", "Contact", "003xx000004TmiQAAS", "Ada Lovelace"))
                .outcome(new CallOutcome(null, "Discussed renewal; send quote by Friday.", null))
                .crmContext(Map.of()).build();
        event = new CoreEvent.CallStateChanged(wrapped, CallState.ENDED);

        for (int round = 0; round < 2; round++) {
            long before = harness.invocations;
            harness.fire(wrapped, event);
            if (harness.invocations != before + 2 || !harness.last.method().equals("refreshView")) {
                throw new IllegalStateException("a wrap-up sent " + (harness.invocations - before)
                        + " invocations, last " + harness.last);
            }
        }
    }

    @Benchmark
    public long wrappedUpCall() {
        harness.fire(wrapped, event);
        return harness.argChars;
    }
}
