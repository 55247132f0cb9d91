package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.StoreUnavailableException;
import io.callbridge.core.spi.VersionedStore;
import io.callbridge.core.spi.WorkItemKey;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The state store going away under the engine (a spy on the real in-memory store or router failing where the test
 * says): every input is answered with STORE_UNAVAILABLE, none throws, and the engine works again once the store does.
 */
class DefaultCallEngineStoreUnavailableTest {
    private final CoreSettings settings = CoreSettings.DEFAULTS.withAutoWrapUp(Set.of());
    private final VersionedStore<CallId, Call> calls = spy(new InMemoryVersionedStore<CallId, Call>());
    private final VersionedStore<AgentId, Agent> agents = spy(new InMemoryVersionedStore<AgentId, Agent>());
    private final VersionedStore<WorkItemKey, WorkItem> work = new InMemoryVersionedStore<>();
    private final InMemoryAgentEventRouter router = spy(new InMemoryAgentEventRouter(settings));
    private final RecordingTelephonyProvider provider = new RecordingTelephonyProvider();
    private final DefaultCallEngine engine = new DefaultCallEngine(calls, agents, work, router, provider,
            new CountingIdGenerator(), new TestClock(EngineHarness.T0), settings);

    private static void assertStoreUnavailable(CommandResult result) {
        assertThat(result).isInstanceOfSatisfying(CommandResult.Rejected.class,
                r -> assertThat(r.error().code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    @Test
    void commandsAndReportsAreRefusedWithATypedErrorWhileTheStoreIsUnavailable() {
        engine.execute(new AgentCommand.LogIn(ALICE));
        CallId id = engine.execute(Dial.to(ALICE, phone("+1 415 555 1212"))).createdCall().orElseThrow().id();
        doThrow(new StoreUnavailableException("store down")).doCallRealMethod().when(calls).get(any());

        assertStoreUnavailable(engine.execute(new CallCommand.HangUp(ALICE, id)));
        assertThat(engine.report(new ProviderEvent.Dialing(id, null)).isRejected()).isFalse();
        assertThat(engine.call(id).orElseThrow().state()).isEqualTo(CallState.DIALING);

        doThrow(new StoreUnavailableException("store down")).doCallRealMethod().when(calls).get(any());
        assertStoreUnavailable(engine.report(new ProviderEvent.Answered(id)));
        assertThat(engine.report(new ProviderEvent.Answered(id)).isRejected()).as("the store is back").isFalse();
        assertThat(engine.call(id).orElseThrow().state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    void anIncomingCallAndAnAgentCommandAreRefusedTheSameWay() {
        doThrow(new StoreUnavailableException("store down")).when(agents).get(any());
        assertStoreUnavailable(engine.execute(new AgentCommand.LogIn(ALICE)));
        doThrow(new StoreUnavailableException("store down")).when(calls).get(any());
        assertStoreUnavailable(engine.report(new ProviderEvent.Incoming(CallId.of("in-1"), ALICE,
                phone("+1 415 555 1212"), phone("+1 212 555 0100"))));
    }

    @Test
    void aWriteThatWasStoredBeforeThePublishFailedIsRefusedButStaysStored() {
        engine.execute(new AgentCommand.LogIn(ALICE));
        CallId id = engine.execute(Dial.to(ALICE, phone("+1 415 555 1212"))).createdCall().orElseThrow().id();
        doThrow(new StoreUnavailableException("router down")).doCallRealMethod().when(router)
                .publish(any(), any(), any());

        assertStoreUnavailable(engine.report(new ProviderEvent.Dialing(id, null)));
        // Written atomically before the failure; a clustered router tells the agent's followers to re-read.
        assertThat(engine.call(id).orElseThrow().state()).isEqualTo(CallState.DIALING);
        assertThat(engine.report(new ProviderEvent.Dialing(id, null))).isInstanceOf(CommandResult.Ignored.class);
    }
}
