package io.callbridge.core.machine;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.BOB;
import static io.callbridge.core.internal.EngineHarness.callIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.CommandResult;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.internal.EngineHarness;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.Presence;
import io.callbridge.core.model.PresenceStatus;
import io.callbridge.core.spi.Versioned;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every (logged-in × presence × pending presence × activity) agent × every agent command and every activity change,
 * against an oracle written from the javadoc of {@link AgentMachine} and {@link AgentCommand}; rejected and ignored
 * commands are also run through the engine, which must leave the stored agent and the event stream untouched.
 */
class AgentMachineTest {
    private static final Presence LUNCH = Presence.away("lunch");
    private static final Presence TRAINING = Presence.away("training");
    private static final Presence AWAY = Presence.away(null);
    private static final List<Presence> PRESENCES = List.of(Presence.OFFLINE, Presence.AVAILABLE, LUNCH);
    private static final List<@Nullable Presence> PENDING = Arrays.asList(null, Presence.AVAILABLE, LUNCH, TRAINING);

    private sealed interface Expected {
        record Ignored() implements Expected { }

        record Rejected(ErrorCode code) implements Expected { }

        record Applied(Agent next) implements Expected { }
    }

    /** An input: a command for an actor, or an activity change. */
    private record Input(String label, @Nullable Function<AgentId, AgentCommand> command,
            @Nullable Activity activity) {
    }

    private static final List<Input> INPUTS = new ArrayList<>();

    static {
        INPUTS.add(new Input("LogIn", AgentCommand.LogIn::new, null));
        INPUTS.add(new Input("LogOut", AgentCommand.LogOut::new, null));
        for (Presence p : List.of(Presence.AVAILABLE, LUNCH, TRAINING, AWAY, Presence.OFFLINE)) {
            INPUTS.add(new Input("SetPresence " + p, a -> new AgentCommand.SetPresence(a, p), null));
        }
        for (Activity a : Activity.values()) {
            INPUTS.add(new Input("activityChanged " + a, null, a));
        }
    }

    /** The oracle. */
    private static Expected expected(Agent a, Input input, AgentId actor) {
        if (input.activity() != null) {
            Activity to = input.activity();
            if (to == a.activity()) {
                return new Expected.Ignored();
            }
            // A presence chosen while busy is applied once the agent is idle again.
            if (to == Activity.IDLE && a.pendingPresence() != null && a.loggedIn()) {
                return new Expected.Applied(new Agent(a.id(), true, a.pendingPresence(), null, to));
            }
            return new Expected.Applied(new Agent(a.id(), a.loggedIn(), a.presence(), a.pendingPresence(), to));
        }
        if (!actor.equals(a.id())) {
            return new Expected.Rejected(ErrorCode.NOT_YOUR_CALL);
        }
        AgentCommand command = input.command().apply(actor);
        if (command instanceof AgentCommand.LogIn) {
            return a.loggedIn() ? new Expected.Ignored()
                    : new Expected.Applied(new Agent(a.id(), true, Presence.AVAILABLE, null, a.activity()));
        }
        if (command instanceof AgentCommand.LogOut) {
            if (!a.loggedIn()) {
                return new Expected.Ignored();
            }
            return a.activity() == Activity.IDLE
                    ? new Expected.Applied(new Agent(a.id(), false, Presence.OFFLINE, null, Activity.IDLE))
                    : new Expected.Rejected(ErrorCode.AGENT_BUSY);
        }
        Presence p = ((AgentCommand.SetPresence) command).presence();
        if (!a.loggedIn()) {
            return new Expected.Rejected(ErrorCode.AGENT_NOT_LOGGED_IN);
        }
        if (p.status() == PresenceStatus.OFFLINE) {
            return new Expected.Rejected(ErrorCode.INVALID_ARGUMENT);
        }
        if (p.status() == PresenceStatus.AVAILABLE) {
            // Available takes effect at once and cancels an AWAY chosen during a call.
            return p.equals(a.presence()) && a.pendingPresence() == null ? new Expected.Ignored()
                    : new Expected.Applied(new Agent(a.id(), true, p, null, a.activity()));
        }
        if (a.activity() == Activity.IDLE) {
            return p.equals(a.presence()) ? new Expected.Ignored()
                    : new Expected.Applied(new Agent(a.id(), true, p, null, Activity.IDLE));
        }
        // Going away mid-call must not drop the call: it waits until the agent is idle. Choosing the current
        // presence again cancels what was waiting.
        if (p.equals(a.presence())) {
            return a.pendingPresence() == null ? new Expected.Ignored()
                    : new Expected.Applied(new Agent(a.id(), true, p, null, a.activity()));
        }
        return p.equals(a.pendingPresence()) ? new Expected.Ignored()
                : new Expected.Applied(new Agent(a.id(), true, a.presence(), p, a.activity()));
    }

    private record Case(Agent agent, Input input, AgentId actor, Expected expected) {
        String name() {
            return agent + " × " + input.label() + (actor.equals(agent.id()) ? "" : " by another agent") + " → "
                    + expected;
        }
    }

    /** Every agent the record allows. */
    static List<Agent> agents() {
        List<Agent> all = new ArrayList<>();
        for (boolean loggedIn : List.of(false, true)) {
            for (Presence presence : PRESENCES) {
                for (Presence pending : PENDING) {
                    for (Activity activity : Activity.values()) {
                        if (loggedIn == (presence.status() != PresenceStatus.OFFLINE)) {
                            all.add(new Agent(ALICE, loggedIn, presence, pending, activity));
                        } else {
                            assertThatThrownBy(() -> new Agent(ALICE, loggedIn, presence, pending, activity))
                                    .isInstanceOf(IllegalArgumentException.class);
                        }
                    }
                }
            }
        }
        return all;
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Agent agent : agents()) {
            for (Input input : INPUTS) {
                cases.add(new Case(agent, input, ALICE, expected(agent, input, ALICE)));
                if (input.command() != null) {
                    cases.add(new Case(agent, input, BOB, expected(agent, input, BOB)));
                }
            }
        }
        return cases;
    }

    @Test
    void everyCombinationIsChecked() {
        // logged out ⇒ OFFLINE (1 presence), logged in ⇒ 2 presences; × pending × activity.
        assertThat(agents()).hasSize((1 + 2) * PENDING.size() * Activity.values().length).doesNotHaveDuplicates();
        long commands = INPUTS.stream().filter(i -> i.command() != null).count();
        assertThat(commands).isEqualTo(2 + 5);
        assertThat(cases()).hasSize(agents().size() * (int) (2 * commands + Activity.values().length));
        assertThat(cases()).extracting(Case::expected).hasAtLeastOneElementOfType(Expected.Applied.class)
                .hasAtLeastOneElementOfType(Expected.Ignored.class)
                .hasAtLeastOneElementOfType(Expected.Rejected.class);
    }

    @TestFactory
    Stream<DynamicTest> everyPair() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) {
        Agent a = c.agent();
        Transition<Agent> t = c.input().activity() != null ? AgentMachine.activityChanged(a, c.input().activity())
                : AgentMachine.apply(a, c.input().command().apply(c.actor()));
        if (c.expected() instanceof Expected.Applied applied) {
            assertThat(t).isEqualTo(new Transition.Applied<>(applied.next(),
                    List.of(new CoreEvent.AgentChanged(applied.next(), a)), List.of()));
        } else if (c.expected() instanceof Expected.Rejected r) {
            assertThat(t).isInstanceOfSatisfying(Transition.Rejected.class,
                    rej -> assertThat(rej.error().code()).isEqualTo(r.code()));
        } else {
            assertThat(t).isInstanceOf(Transition.Ignored.class);
        }
        // The engine routes an agent command by the agent it names, so "another agent's" command acts on that agent.
        if (c.input().command() != null && c.actor().equals(a.id())) {
            checkEngine(c);
        }
    }

    /** Through the engine, with the agent stored as it is: refusals and no-ops change nothing. */
    private static void checkEngine(Case c) {
        EngineHarness h = new EngineHarness();
        assertThat(h.agents.compareAndSet(ALICE, 0, ALICE, c.agent())).contains(1L);
        Map<Object, Object> before = h.everything(ALICE, BOB);
        CommandResult result = h.engine.execute(c.input().command().apply(c.actor()));
        if (c.expected() instanceof Expected.Applied applied) {
            assertThat(result).isInstanceOf(CommandResult.Accepted.class);
            assertThat(h.agents.get(ALICE)).contains(new Versioned<>(applied.next(), 2));
            assertThat(h.router.lastSequence(ALICE)).isEqualTo(1);
        } else {
            assertThat(result).isInstanceOf(c.expected() instanceof Expected.Rejected
                    ? CommandResult.Rejected.class : CommandResult.Ignored.class);
            assertThat(h.everything(ALICE, BOB)).isEqualTo(before);
        }
    }

    // ------------------------------------------------------------------ activity derived from calls

    @Test
    void activityOfEachSingleCall() {
        Map<CallState, Activity> outbound = Map.of(CallState.QUEUED, Activity.ON_CALL, CallState.DIALING,
                Activity.ON_CALL, CallState.RINGING, Activity.ON_CALL, CallState.CONNECTED, Activity.ON_CALL,
                CallState.HELD, Activity.ON_CALL, CallState.ENDED, Activity.WRAP_UP, CallState.WRAPPED_UP,
                Activity.IDLE);
        for (CallState s : CallState.values()) {
            assertThat(AgentMachine.activityOf(List.of(callIn(CallId.of("c"), ALICE, Direction.OUTBOUND, s))))
                    .as("outbound %s", s).isEqualTo(outbound.get(s));
            assertThat(AgentMachine.activityOf(List.of(callIn(CallId.of("c"), ALICE, Direction.INBOUND, s))))
                    .as("inbound %s", s).isEqualTo(s == CallState.RINGING ? Activity.RINGING : outbound.get(s));
        }
        assertThat(AgentMachine.activityOf(List.of())).isEqualTo(Activity.IDLE);
    }

    @Test
    void aLiveCallBeatsARingingOneWhichBeatsWrapUpWhateverTheOrder() {
        Call ringingIn = callIn(CallId.of("a"), ALICE, Direction.INBOUND, CallState.RINGING);
        Call held = callIn(CallId.of("b"), ALICE, Direction.OUTBOUND, CallState.HELD);
        Call ended = callIn(CallId.of("c"), ALICE, Direction.INBOUND, CallState.ENDED);
        Call done = callIn(CallId.of("d"), ALICE, Direction.INBOUND, CallState.WRAPPED_UP);
        assertThat(AgentMachine.activityOf(List.of(ringingIn, held))).isEqualTo(Activity.ON_CALL);
        assertThat(AgentMachine.activityOf(List.of(held, ringingIn))).isEqualTo(Activity.ON_CALL);
        assertThat(AgentMachine.activityOf(List.of(ended, ringingIn, done))).isEqualTo(Activity.RINGING);
        assertThat(AgentMachine.activityOf(List.of(done, ended))).isEqualTo(Activity.WRAP_UP);
        assertThat(AgentMachine.activityOf(List.of(done, done))).isEqualTo(Activity.IDLE);
    }
}
