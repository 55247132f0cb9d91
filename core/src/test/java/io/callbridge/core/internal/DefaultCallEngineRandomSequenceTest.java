package io.callbridge.core.internal;

import static io.callbridge.core.internal.EngineHarness.ALICE;
import static io.callbridge.core.internal.EngineHarness.BOB;
import static io.callbridge.core.internal.EngineHarness.phone;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.CommandResult;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Command;
import io.callbridge.core.command.Dial;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.machine.AgentMachine;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.Presence;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.WorkItemKey;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Seeded random sequences of commands and provider reports against the engine (java.util.Random, fixed seeds, so a
 * failure names the seed that reproduces it), checking the engine's invariants after every step.
 */
class DefaultCallEngineRandomSequenceTest {
    private static final int SEQUENCES = 2_000;
    private static final int STEPS = 30;
    private static final List<AgentId> AGENTS = List.of(ALICE, BOB);
    private static final List<PhoneNumber> NUMBERS = List.of(phone("+1 415 555 1212"), phone("(415) 555-1212"),
            phone("+1 212 555 0147"), phone("+44 20 7946 0958"));
    private static final PhoneNumber LINE = phone("+1 212 555 0100");

    @Test
    void randomSequencesNeverBreakAnInvariant() {
        Map<Object, Integer> seen = new HashMap<>();
        for (int i = 0; i < SEQUENCES; i++) {
            run(20_240_000L + i, seen);
        }
        // The generator must reach every state and every kind of result, or the invariants were checked on too little.
        for (CallState s : CallState.values()) {
            assertThat(seen.getOrDefault(s, 0)).as("calls seen in %s", s).isGreaterThan(100);
        }
        for (Class<?> kind : CommandResult.class.getPermittedSubclasses()) {
            assertThat(seen.getOrDefault(kind, 0)).as("results of kind %s", kind.getSimpleName())
                    .isGreaterThan(1_000);
        }
    }

    /** What the checker remembers between steps. */
    private static final class Memory {
        final Map<CallId, Call> firstSeen = new HashMap<>();
        final Map<CallId, CallState> lastState = new HashMap<>();
        final Map<CallId, Instant> connectedAt = new HashMap<>();
        final Map<AgentId, EventLog> logs = new HashMap<>();
    }

    private static void run(long seed, Map<Object, Integer> seen) {
        Random random = new Random(seed);
        EngineHarness h = new EngineHarness();
        Memory memory = new Memory();
        for (AgentId a : AGENTS) {
            EventLog log = new EventLog();
            h.engine.subscribe(a, 0, log);
            memory.logs.put(a, log);
        }
        for (int step = 0; step < STEPS; step++) {
            Map<Object, Object> before = h.everything(ALICE, BOB);
            Object input = next(random, h);
            String where = "seed " + seed + " step " + step + " input " + input;
            CommandResult result;
            if (input instanceof Command c) {
                result = h.engine.execute(c);
            } else if (input instanceof ProviderEvent e) {
                result = h.engine.report(e);
            } else {
                Duration d = (Duration) input;
                h.advance(d);
                h.engine.housekeeping();
                result = null;
            }
            if (result != null) {
                seen.merge(result.getClass(), 1, Integer::sum);
            }
            h.calls.all().forEach(v -> seen.merge(v.value().state(), 1, Integer::sum));
            if (result instanceof CommandResult.Rejected || result instanceof CommandResult.Ignored) {
                assertThat(h.everything(ALICE, BOB)).as("%s: %s changed something", where, result)
                        .isEqualTo(before);
            }
            if (result instanceof CommandResult.Accepted a) {
                List<SequencedEvent> events = a.events();
                for (int k = 1; k < events.size(); k++) {
                    if (events.get(k).agent().equals(events.get(k - 1).agent())) {
                        assertThat(events.get(k).sequence()).as(where)
                                .isEqualTo(events.get(k - 1).sequence() + 1);
                    }
                }
            }
            check(h, memory, where);
        }
    }

    private static void check(EngineHarness h, Memory memory, String where) {
        for (Call call : h.calls.all().stream().map(v -> v.value()).toList()) {
            // The record checks its invariants when built; build it again to be sure they hold for the stored value.
            assertThat(call.toBuilder().build()).as(where).isEqualTo(call);
            boolean over = call.state() == CallState.ENDED || call.state() == CallState.WRAPPED_UP;
            assertThat(call.endStatus() != null).as("%s: endStatus of %s", where, call).isEqualTo(over);
            assertThat(call.endedAt() != null).as("%s: endedAt of %s", where, call).isEqualTo(over);
            assertThat(call.outcome() != null).as("%s: outcome of %s", where, call)
                    .isEqualTo(call.state() == CallState.WRAPPED_UP);
            if (call.endStatus() != null && call.endStatus().inboundOnly()) {
                assertThat(call.direction()).as("%s: %s", where, call)
                        .isEqualTo(io.callbridge.core.model.Direction.INBOUND);
            }
            Call first = memory.firstSeen.putIfAbsent(call.id(), call);
            if (first != null) {
                assertThat(call).as(where).extracting(Call::agent, Call::direction, Call::to, Call::createdAt)
                        .containsExactly(first.agent(), first.direction(), first.to(), first.createdAt());
            }
            CallState last = memory.lastState.put(call.id(), call.state());
            if (last != null) {
                assertThat(call.state().progress()).as("%s: %s went from %s to %s", where, call.id(), last,
                        call.state()).isGreaterThanOrEqualTo(last.progress());
            }
            Instant connected = memory.connectedAt.get(call.id());
            if (connected != null) {
                assertThat(call.connectedAt()).as("%s: connectedAt of %s", where, call.id()).isEqualTo(connected);
            } else if (call.connectedAt() != null) {
                memory.connectedAt.put(call.id(), call.connectedAt());
            }
            if (call.workItem() != null) {
                h.engine.workItem(call.agent(), call.workItem()).ifPresent(w -> assertThat(w.call())
                        .as("%s: work item %s of call %s", where, w, call.id()).isEqualTo(call.id()));
            }
        }
        for (WorkItem w : h.work.all().stream().map(v -> v.value()).toList()) {
            if (w.call() != null) {
                h.engine.call(w.call()).ifPresent(c -> assertThat(c.workItem())
                        .as("%s: call of work item %s", where, w).isEqualTo(w.id()));
            }
        }
        for (AgentId a : AGENTS) {
            // The stores' open indexes hold exactly the calls not wrapped up and the pending work.
            assertThat(h.calls.indexedOpenKeys(a)).as("%s: open calls of %s", where, a)
                    .isEqualTo(h.engine.calls(a).stream().filter(c -> c.state() != CallState.WRAPPED_UP)
                            .map(Call::id).collect(Collectors.toSet()));
            assertThat(h.work.indexedOpenKeys(a)).as("%s: open work of %s", where, a)
                    .isEqualTo(h.engine.workItems(a).stream().filter(w -> w.state() == WorkItemState.PENDING)
                            .map(w -> new WorkItemKey(a, w.id())).collect(Collectors.toSet()));
            assertThat(h.engine.agent(a).activity()).as("%s: activity of %s with calls %s", where, a,
                    h.engine.calls(a)).isEqualTo(AgentMachine.activityOf(h.engine.calls(a)));
            List<Long> seen = memory.logs.get(a).sequences();
            assertThat(seen).as("%s: sequences of %s", where, a)
                    .isEqualTo(LongStream.rangeClosed(1, h.router.lastSequence(a)).boxed().toList());
            assertThat(memory.logs.get(a).events()).as(where).allMatch(e -> e.agent().equals(a));
        }
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** A random input: a command, a provider event, or a Duration to let pass (followed by housekeeping). */
    private static Object next(Random random, EngineHarness h) {
        List<Call> calls = new ArrayList<>(h.calls.all().stream().map(v -> v.value()).toList());
        calls.sort((x, y) -> x.id().value().compareTo(y.id().value()));
        AgentId agent = pick(random, AGENTS);
        int dice = random.nextInt(100);
        if (dice < 8) {
            return switch (random.nextInt(5)) {
                case 0 -> new AgentCommand.LogIn(agent);
                case 1 -> new AgentCommand.LogOut(agent);
                case 2 -> new AgentCommand.SetPresence(agent, Presence.AVAILABLE);
                case 3 -> new AgentCommand.SetPresence(agent, Presence.away(random.nextBoolean() ? "lunch" : null));
                default -> new AgentCommand.SetPresence(agent, Presence.OFFLINE);
            };
        }
        if (dice < 16) {
            CallId id = random.nextInt(3) == 0 ? CallId.of("dial-" + random.nextInt(3)) : null;
            return new Dial(agent, pick(random, NUMBERS), null, id, null, Map.of());
        }
        if (dice < 22) {
            return new ProviderEvent.Incoming(CallId.of("in-" + random.nextInt(4)), agent, pick(random, NUMBERS),
                    LINE);
        }
        if (dice < 28) {
            WorkItemId w = WorkItemId.of("w" + random.nextInt(3));
            CallId someCall = calls.isEmpty() ? CallId.of("none") : pick(random, calls).id();
            return switch (random.nextInt(5)) {
                case 0 -> new WorkCommand.OfferWork(agent, w, pick(random, NUMBERS), CompletionTrigger.LOG_SAVED,
                        random.nextBoolean() ? null : Duration.ofMinutes(1 + random.nextInt(5)), Map.of());
                case 1 -> new WorkCommand.MatchWork(agent, w, someCall);
                case 2 -> new WorkCommand.MarkWorkLogged(agent, w, "00T" + random.nextInt(2));
                case 3 -> new WorkCommand.CompleteWork(agent, w);
                default -> new WorkCommand.FailWork(agent, w, "failed");
            };
        }
        if (dice < 32) {
            return Duration.ofSeconds(1 + random.nextInt(random.nextInt(10) == 0 ? 7_200 : 120));
        }
        if (calls.isEmpty() || random.nextInt(20) == 0) {
            return new ProviderEvent.Answered(CallId.of("unknown-" + random.nextInt(2)));
        }
        Call call = pick(random, calls);
        CallId id = call.id();
        if (dice < 60) {
            AgentId actor = random.nextInt(8) == 0 ? (call.agent().equals(ALICE) ? BOB : ALICE) : call.agent();
            return switch (random.nextInt(11)) {
                case 0 -> new CallCommand.Answer(actor, id);
                case 1 -> new CallCommand.Reject(actor, id);
                case 2 -> new CallCommand.HangUp(actor, id);
                case 3 -> new CallCommand.Hold(actor, id);
                case 4 -> new CallCommand.Resume(actor, id);
                case 5 -> new CallCommand.Transfer(actor, id, "+14155550000");
                case 6 -> new CallCommand.Mute(actor, id, random.nextBoolean());
                case 7 -> new CallCommand.WrapUp(actor, id, new CallOutcome(random.nextBoolean() ? "done" : null,
                        null, random.nextBoolean() ? null : URI.create("https://crm.example/r.mp3")));
                case 8 -> new CallCommand.AttachRecord(actor, id,
                        new CrmRecordRef("hubspot", "CONTACT", "" + random.nextInt(3), null));
                case 9 -> new CallCommand.LinkCrmArtefact(actor, id, "hubspot.engagementId", "" + random.nextInt(3));
                default -> new CallCommand.LinkCrmArtefact(actor, id, "salesforce.taskId", "00T" + random.nextInt(3));
            };
        }
        return switch (random.nextInt(10)) {
            case 0 -> new ProviderEvent.Dialing(id, random.nextBoolean() ? null : LINE);
            case 1 -> new ProviderEvent.Ringing(id);
            case 2, 3 -> new ProviderEvent.Answered(id);
            case 4 -> new ProviderEvent.Held(id);
            case 5 -> new ProviderEvent.Resumed(id);
            case 6 -> new ProviderEvent.MuteChanged(id, random.nextBoolean());
            case 7 -> new ProviderEvent.RecordingChanged(id, random.nextBoolean(),
                    random.nextBoolean() ? null : URI.create("https://rec.example/" + random.nextInt(2)));
            default -> new ProviderEvent.Ended(id, pick(random, List.of(EndStatus.values())));
        };
    }
}
