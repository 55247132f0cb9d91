package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.phone;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CommandResult;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.spi.MetricsRecorder;
import io.callbridge.core.spi.ProviderEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the engine tells the metrics port. (The MDC it sets is tested in callbridge-operations, whose tests log through
 * Logback: slf4j-simple, core's test binding, keeps no MDC.)
 */
class EngineObservabilityTest {
    private final EngineHarness h = new EngineHarness();
    private final List<String> recorded = new CopyOnWriteArrayList<>();
    private final MetricsRecorder recorder = new MetricsRecorder() {
        @Override
        public void callEntered(CallState state) {
            recorded.add("call " + state);
        }

        @Override
        public void refused(ErrorCode code) {
            recorded.add("refused " + code);
        }
    };
    private final DefaultCallEngine engine = new DefaultCallEngine(h.calls, h.agents, h.work, h.router, h.provider,
            h.ids, h.clock, h.settings, recorder);

    @Test
    void countsEveryStateACallEntersAndEveryRefusalByCode() {
        assertThat(engine.execute(Dial.to(ALICE, phone("+14155550100")))).isInstanceOf(CommandResult.Rejected.class);
        engine.execute(new AgentCommand.LogIn(ALICE));
        var created = engine.execute(Dial.to(ALICE, phone("+14155550100"))).createdCall().orElseThrow();
        CallId call = created.id();
        engine.report(new ProviderEvent.Answered(call));
        assertThat(engine.execute(Dial.to(ALICE, phone("+14155550101")))).isInstanceOf(CommandResult.Rejected.class);
        engine.execute(new CallCommand.HangUp(ALICE, call));
        engine.report(new ProviderEvent.Ended(call, io.callbridge.core.model.EndStatus.COMPLETED));
        engine.report(new ProviderEvent.Answered(CallId.of("nobody-knows-this")));

        assertThat(recorded).containsExactly(
                "refused AGENT_NOT_LOGGED_IN",
                "call " + created.state(),
                "call CONNECTED",
                "refused AGENT_BUSY",
                "call ENDED",
                "refused UNKNOWN_CALL");
    }
}
