package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.BOB;
import static io.callbridge.core.internal.EngineHarness.phone;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.spi.ProviderEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One call at a time per agent, whoever asks (a CRM's click-to-dial, the softphone, a retried dial after a lost ack):
 * a dial while the agent has a live call is refused with AGENT_BUSY and places nothing, unless concurrent calls are
 * allowed.
 */
class DefaultCallEngineOneCallTest {
    private static final CallId FIRST = CallId.of("first");
    private static final CallId SECOND = CallId.of("second");

    private static Dial dial(CallId id, String to) {
        return new Dial(ALICE, phone(to), null, id, null, Map.of());
    }

    @Test
    void aDialWhileTheAgentsCallIsRingingOrConnectedIsRefusedAndPlacesNothing() {
        EngineHarness h = new EngineHarness();
        h.logIn(ALICE);
        h.engine.execute(dial(FIRST, "+14155550100"));
        int requests = h.provider.requests().size();

        CommandResult whileDialling = h.engine.execute(dial(SECOND, "+14155550101"));
        h.engine.report(new ProviderEvent.Answered(FIRST));
        CommandResult whileConnected = h.engine.execute(Dial.to(ALICE, phone("+14155550102")));

        assertThat(whileDialling).isInstanceOfSatisfying(CommandResult.Rejected.class, r -> {
            assertThat(r.error().code()).isEqualTo(ErrorCode.AGENT_BUSY);
            assertThat(r.error().message()).contains(FIRST.value());
        });
        assertThat(whileConnected).isInstanceOfSatisfying(CommandResult.Rejected.class,
                r -> assertThat(r.error().code()).isEqualTo(ErrorCode.AGENT_BUSY));
        assertThat(h.engine.call(SECOND)).isEmpty();
        assertThat(h.engine.calls(ALICE)).hasSize(1);
        assertThat(h.provider.requests()).hasSize(requests);
    }

    @Test
    void theSameDialRetriedIsStillIgnoredNotRefused() {
        EngineHarness h = new EngineHarness();
        h.logIn(ALICE);
        h.engine.execute(dial(FIRST, "+14155550100"));

        assertThat(h.engine.execute(dial(FIRST, "+14155550100"))).isInstanceOf(CommandResult.Ignored.class);
    }

    @Test
    void onceTheCallEndedTheAgentMayDialAgainEvenBeforeWrapUp() {
        EngineHarness h = new EngineHarness();
        h.logIn(ALICE);
        h.engine.execute(dial(FIRST, "+14155550100"));
        h.engine.report(new ProviderEvent.Ended(FIRST, EndStatus.BUSY));

        assertThat(h.engine.execute(dial(SECOND, "+14155550101"))).isInstanceOf(CommandResult.Accepted.class);
        h.engine.execute(new CallCommand.WrapUp(ALICE, FIRST, CallOutcome.NONE));
    }

    @Test
    void anotherAgentsCallDoesNotMakeThisOneBusy() {
        EngineHarness h = new EngineHarness();
        h.logIn(ALICE);
        h.logIn(BOB);
        h.engine.execute(new Dial(BOB, phone("+14155550100"), null, FIRST, null, Map.of()));

        assertThat(h.engine.execute(dial(SECOND, "+14155550101"))).isInstanceOf(CommandResult.Accepted.class);
    }

    @Test
    void concurrentCallsCanBeAllowed() {
        EngineHarness h = new EngineHarness(CoreSettings.DEFAULTS.withAutoWrapUp(java.util.Set.of())
                .withConcurrentCalls(true));
        h.logIn(ALICE);
        h.engine.execute(dial(FIRST, "+14155550100"));

        assertThat(h.engine.execute(dial(SECOND, "+14155550101"))).isInstanceOf(CommandResult.Accepted.class);
        assertThat(CoreSettings.DEFAULTS.concurrentCalls()).isFalse();
    }
}
