package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.phone;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.spi.ProviderEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With the default settings, calls with nothing to record (missed, declined) do not hold the agent in wrap-up. */
class DefaultCallEngineAutoWrapUpTest {
    private final EngineHarness h = new EngineHarness(CoreSettings.DEFAULTS);
    private final CallId id = CallId.of("in-1");

    private CommandResult ringThenEnd(EndStatus status) {
        h.logIn(ALICE);
        h.engine.report(new ProviderEvent.Incoming(id, ALICE, phone("+14155550111"), phone("+14155550100")));
        return h.engine.report(new ProviderEvent.Ended(id, status));
    }

    @Test
    void aMissedCallIsWrappedUpAtOnceWithAnEmptyOutcomeAndTheAgentIsIdle() {
        CommandResult ended = ringThenEnd(EndStatus.MISSED);

        assertThat(h.engine.call(id).orElseThrow().state()).isEqualTo(CallState.WRAPPED_UP);
        assertThat(h.engine.call(id).orElseThrow().outcome()).isEqualTo(CallOutcome.NONE);
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.IDLE);
        List<CallState> states = ((CommandResult.Accepted) ended).events().stream().map(SequencedEvent::event)
                .filter(e -> e instanceof CoreEvent.CallStateChanged)
                .map(e -> ((CoreEvent.CallStateChanged) e).call().state()).toList();
        assertThat(states).containsExactly(CallState.ENDED, CallState.WRAPPED_UP);
        assertThat(h.engine.execute(new AgentCommand.LogOut(ALICE))).isInstanceOf(CommandResult.Accepted.class);
    }

    @Test
    void aDeclinedCallIsWrappedUpAtOnce() {
        ringThenEnd(EndStatus.REJECTED);
        assertThat(h.engine.call(id).orElseThrow().state()).isEqualTo(CallState.WRAPPED_UP);
    }

    @Test
    void anAnsweredCallStillWaitsForTheAgentsOutcome() {
        h.logIn(ALICE);
        h.engine.report(new ProviderEvent.Incoming(id, ALICE, phone("+14155550111"), phone("+14155550100")));
        h.engine.report(new ProviderEvent.Answered(id));
        h.engine.report(new ProviderEvent.Ended(id, EndStatus.COMPLETED));

        assertThat(h.engine.call(id).orElseThrow().state()).isEqualTo(CallState.ENDED);
        assertThat(h.engine.agent(ALICE).activity()).isEqualTo(Activity.WRAP_UP);
        assertThat(h.engine.execute(new CallCommand.WrapUp(ALICE, id, new CallOutcome("sold", "notes", null))))
                .isInstanceOf(CommandResult.Accepted.class);
    }

    @Test
    void automaticWrapUpCanBeSwitchedOff() {
        EngineHarness manual = new EngineHarness(CoreSettings.DEFAULTS.withAutoWrapUp(Set.of()));
        manual.logIn(ALICE);
        manual.engine.report(new ProviderEvent.Incoming(id, ALICE, phone("+14155550111"), phone("+14155550100")));
        manual.engine.report(new ProviderEvent.Ended(id, EndStatus.MISSED));

        assertThat(manual.engine.call(id).orElseThrow().state()).isEqualTo(CallState.ENDED);
        assertThat(manual.engine.agent(ALICE).activity()).isEqualTo(Activity.WRAP_UP);
    }
}
