package io.callbridge.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.Versioned;
import io.callbridge.core.spi.WorkItemKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link DefaultCallEngine} built by hand from the in-memory stores and router, a test clock, counting ids and a
 * recording phone system, with helpers to put calls into any state and to snapshot everything the engine can change.
 */
public final class EngineHarness {
    public static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    public static final PhoneNumberParser PHONES = new PhoneNumberParser("US");
    public static final AgentId ALICE = AgentId.of("acme", "alice");
    public static final AgentId BOB = AgentId.of("acme", "bob");

    public final InMemoryVersionedStore<CallId, Call> calls = new InMemoryVersionedStore<>();
    public final InMemoryVersionedStore<AgentId, Agent> agents = new InMemoryVersionedStore<>();
    public final InMemoryVersionedStore<WorkItemKey, WorkItem> work = new InMemoryVersionedStore<>();
    public final CoreSettings settings;
    public final InMemoryAgentEventRouter router;
    public final RecordingTelephonyProvider provider = new RecordingTelephonyProvider();
    public final CountingIdGenerator ids = new CountingIdGenerator();
    public final TestClock clock = new TestClock(T0);
    public final DefaultCallEngine engine;

    /**
     * Core with automatic wrap-up switched off, so every input is exactly one step of the machines; tests of automatic
     * wrap-up pass their own settings.
     */
    public EngineHarness() {
        this(CoreSettings.DEFAULTS.withAutoWrapUp(java.util.Set.of()));
    }

    /** As {@link #EngineHarness()}, for tests of one agent with several calls at once. */
    public static EngineHarness concurrentCalls() {
        return new EngineHarness(CoreSettings.DEFAULTS.withAutoWrapUp(java.util.Set.of()).withConcurrentCalls(true));
    }

    public EngineHarness(CoreSettings settings) {
        this.settings = settings;
        this.router = new InMemoryAgentEventRouter(settings);
        this.engine = new DefaultCallEngine(calls, agents, work, router, provider, ids, clock, settings);
    }

    public static PhoneNumber phone(String text) {
        return PHONES.parse(text);
    }

    public void logIn(AgentId agent) {
        assertThat(engine.execute(new AgentCommand.LogIn(agent))).isInstanceOf(CommandResult.Accepted.class);
    }

    /** Stores {@code call} as a new entry (version 1) without going through the engine. */
    public Versioned<Call> put(Call call) {
        assertThat(calls.compareAndSet(call.id(), 0, call.agent(), call)).contains(1L);
        return calls.get(call.id()).orElseThrow();
    }

    public Versioned<Call> stored(CallId id) {
        return calls.get(id).orElseThrow();
    }

    /**
     * A canonical call in {@code state}: unmuted, not recording, no CRM record or links; connected (at T0+10s) in
     * CONNECTED and later states; ended COMPLETED at T0+60s; wrapped up at T0+90s.
     */
    public static Call callIn(CallId id, AgentId agent, Direction direction, CallState state) {
        PhoneNumber customer = phone("+1 415 555 1212");
        PhoneNumber line = phone("+1 212 555 0100");
        Call base = direction == Direction.OUTBOUND
                ? Call.outbound(id, agent, state == CallState.QUEUED ? null : line, customer, T0)
                : Call.inbound(id, agent, customer, line, T0);
        Call.Builder b = base.toBuilder().state(state);
        switch (state) {
            case QUEUED, DIALING, RINGING -> { }
            case CONNECTED, HELD -> b.connectedAt(T0.plusSeconds(10));
            case ENDED -> b.connectedAt(T0.plusSeconds(10)).endStatus(EndStatus.COMPLETED)
                    .endedAt(T0.plusSeconds(60));
            case WRAPPED_UP -> b.connectedAt(T0.plusSeconds(10)).endStatus(EndStatus.COMPLETED)
                    .endedAt(T0.plusSeconds(60)).wrappedUpAt(T0.plusSeconds(90))
                    .outcome(new CallOutcome("done", null, null));
        }
        return b.build();
    }

    /** Everything the engine can change: every stored value with its version, and every agent's last sequence. */
    public Map<Object, Object> everything(AgentId... agentsToWatch) {
        Map<Object, Object> all = new HashMap<>();
        calls.all().forEach(v -> all.put(v.value().id(), v));
        agents.all().forEach(v -> all.put(v.value().id(), v));
        work.all().forEach(v -> all.put(new WorkItemKey(v.value().agent(), v.value().id()), v));
        for (AgentId a : agentsToWatch) {
            all.put("sequence:" + a, router.lastSequence(a));
        }
        all.put("provider requests", provider.requests().size());
        all.put("ids issued", ids.issued());
        return all;
    }

    public void advance(Duration d) {
        clock.advance(d);
    }
}
