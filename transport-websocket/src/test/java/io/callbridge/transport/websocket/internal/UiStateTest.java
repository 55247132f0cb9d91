package io.callbridge.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.Presence;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.transport.websocket.internal.protocol.FrameCodec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import tools.jackson.databind.JsonNode;

class UiStateTest {
    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final PhoneNumberParser NUMBERS = new PhoneNumberParser("US");
    private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");
    private static final FrameCodec CODEC = new FrameCodec();

    private static Call call(int n, CallState state) {
        Call c = Call.outbound(CallId.of("c-" + n), ANN, null, NUMBERS.parse("+1415555" + (1000 + n)),
                T0.plusSeconds(n));
        if (state == CallState.QUEUED) {
            return c;
        }
        Call.Builder b = c.toBuilder().state(state).endStatus(EndStatus.NO_ANSWER).endedAt(T0.plusSeconds(n + 1));
        if (state == CallState.WRAPPED_UP) {
            b.outcome(CallOutcome.NONE).wrappedUpAt(T0.plusSeconds(n + 2));
        }
        return b.build();
    }

    @Test
    void aSnapshotShowsEveryOpenCallButOnlyTheLastFiveWrappedUpOnes() {
        List<Call> calls = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            calls.add(call(n, CallState.WRAPPED_UP));
        }
        calls.add(call(9, CallState.ENDED));
        calls.add(call(10, CallState.QUEUED));

        JsonNode state = CODEC.parse(new UiState(NUMBERS).write(CODEC,
                new AgentSnapshot(7, Agent.offline(ANN), calls, List.of()), List.of(), Map.of()));

        List<String> ids = new ArrayList<>();
        for (JsonNode c : state.get("calls")) {
            ids.add(c.get("id").stringValue());
        }
        assertThat(ids).containsExactly("c-4", "c-5", "c-6", "c-7", "c-8", "c-9", "c-10");
        assertThat(state.get("calls").get(0).get("to").get("display").stringValue()).isEqualTo("(415) 555-1004");
    }

    @Test
    void aShortHistoryIsShownWhole() {
        List<Call> calls = List.of(call(1, CallState.WRAPPED_UP), call(2, CallState.QUEUED));
        AgentSnapshot snapshot = new AgentSnapshot(7, Agent.offline(ANN), calls, List.of());
        assertThat(UiState.shown(snapshot)).isSameAs(snapshot.calls());
    }

    /** The calls shown are the last five the agent finished, not the last five begun: a long call begun first counts. */
    @Test
    void theWrappedUpCallsShownAreTheFiveWrappedUpLastInTheOrderTheyBegan() {
        List<Call> calls = new ArrayList<>();
        // c-1 began first and was wrapped up last of all; c-2 .. c-7 one after the other.
        calls.add(call(1, CallState.WRAPPED_UP).toBuilder().wrappedUpAt(T0.plusSeconds(100)).build());
        for (int n = 2; n <= 7; n++) {
            calls.add(call(n, CallState.WRAPPED_UP));
        }
        List<Call> shown = UiState.shown(new AgentSnapshot(7, Agent.offline(ANN), calls, List.of()));
        assertThat(shown).extracting(c -> c.id().value()).containsExactly("c-1", "c-4", "c-5", "c-6", "c-7");
    }

    /**
     * The snapshot is written straight to a generator; the text must be what the tree it replaced gave, member for
     * member (the page and the golden frames read it), with every optional member present and absent.
     */
    @Test
    void streamingWritesTheSameTextAsTheTreeItReplaced() {
        Call plain = call(1, CallState.QUEUED);
        Call rich = Call.outbound(CallId.of("c-rich"), ANN, NUMBERS.parse("+14155550100"),
                NUMBERS.parse("+442071838750"), T0).toBuilder()
                .state(CallState.WRAPPED_UP).endStatus(EndStatus.COMPLETED).connectedAt(T0.plusSeconds(3))
                .endedAt(T0.plusSeconds(60)).wrappedUpAt(T0.plusSeconds(90)).muted(true).recording(true)
                .outcome(new CallOutcome("connected", "said \"call back\" \u00e9\n", null))
                .record(new CrmRecordRef("hubspot", "CONTACT", "123", "Ann \u00c9")).workItem(WorkItemId.of("w-1"))
                .build();
        Call partial = call(2, CallState.WRAPPED_UP).toBuilder()
                .outcome(new CallOutcome(null, null, null)).record(new CrmRecordRef("sf", "Lead", "00Q", null)).build();
        WorkItem pending = WorkItem.pending(WorkItemId.of("w-1"), ANN, NUMBERS.parse("+14155550100"),
                CompletionTrigger.LOG_SAVED, T0, T0.plusSeconds(600), Map.of());
        WorkItem matched = pending.matched(CallId.of("c-rich"));
        Agent away = new Agent(ANN, true, Presence.away("lunch"), Presence.AVAILABLE, Activity.ON_CALL);
        List<UiState.Notice> notices = List.of(new UiState.Notice("LOG_FAILED", "could not save", "c-rich", T0),
                new UiState.Notice("INFO", "hello", null, T0.plusMillis(5)));
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        topics.put("zeta", CODEC.parse("{\"b\":[1,2.5,true,null],\"a\":\"x\"}"));
        topics.put("alpha", CODEC.parse("\"text\""));
        topics.put("mid", CODEC.parse("{}"));
        List<AgentSnapshot> snapshots = List.of(
                new AgentSnapshot(1, Agent.offline(ANN), List.of(), List.of()),
                new AgentSnapshot(2, away, List.of(plain, partial, rich), List.of(pending, matched)));
        List<Map<String, JsonNode>> topicSets = List.of(Map.of(), Map.of("one", CODEC.parse("[1]")), topics);
        UiState shared = new UiState(NUMBERS); // renders its calls once per value: the second round comes from its cache
        for (int round = 0; round < 2; round++) {
            for (AgentSnapshot snapshot : snapshots) {
                for (Map<String, JsonNode> t : topicSets) {
                    for (List<UiState.Notice> n : List.of(List.<UiState.Notice>of(), notices)) {
                        String tree = CODEC.write(new UiStateTreeOracle(NUMBERS).render(snapshot, n, t));
                        assertThat(new UiState(NUMBERS).write(CODEC, snapshot, n, t)).isEqualTo(tree);
                        assertThat(shared.write(CODEC, snapshot, n, t)).as("round %d", round).isEqualTo(tree);
                    }
                }
            }
        }
        // A call whose value changed is rendered again, not taken from the cache.
        Call changed = rich.toBuilder().outcome(new CallOutcome("voicemail", null, null)).build();
        AgentSnapshot later = new AgentSnapshot(3, away, List.of(plain, partial, changed), List.of());
        assertThat(shared.write(CODEC, later, List.of(), Map.of()))
                .isEqualTo(CODEC.write(new UiStateTreeOracle(NUMBERS).render(later, List.of(), Map.of())))
                .contains("voicemail");
    }

    /**
     * Most changes to a live call are to what the page does not show (an adapter's link or step marker, the CRM's
     * context): such a call is not rendered again, numbers formatted and all, in the next snapshot.
     */
    @Test
    void aCallChangedOnlyInWhatThePageDoesNotShowIsNotRenderedAgain() {
        PhoneNumberParser numbers = Mockito.spy(new PhoneNumberParser("US"));
        UiState ui = new UiState(numbers);
        Call live = Call.outbound(CallId.of("c-live"), ANN, NUMBERS.parse("+14155550100"),
                NUMBERS.parse("+14155550142"), T0).toBuilder().state(CallState.CONNECTED)
                .connectedAt(T0.plusSeconds(2)).build();
        String first = ui.write(CODEC, new AgentSnapshot(1, Agent.offline(ANN), List.of(live), List.of()), List.of(),
                Map.of());
        Mockito.verify(numbers, Mockito.times(2)).formatNational(Mockito.any());

        Call linked = live.toBuilder().crmLinks(Map.of("hubspot.engagementId", "77", "hubspot.answered", "1"))
                .crmContext(Map.of("objectId", "9001")).recordingUrl(URI.create("https://rec.example/1")).build();
        String second = ui.write(CODEC, new AgentSnapshot(2, Agent.offline(ANN), List.of(linked), List.of()),
                List.of(), Map.of());

        assertThat(second).isEqualTo(first);
        Mockito.verify(numbers, Mockito.times(2)).formatNational(Mockito.any());
    }

    /** The cache's other side: every change the page does show is rendered again (checked against the tree oracle). */
    @Test
    void everyChangeThePageShowsIsRenderedAgain() {
        Call base = Call.outbound(CallId.of("c-x"), ANN, null, NUMBERS.parse("+14155550142"), T0).toBuilder()
                .state(CallState.CONNECTED).connectedAt(T0.plusSeconds(2)).build();
        Call ended = base.toBuilder().state(CallState.ENDED).endStatus(EndStatus.COMPLETED).endedAt(T0.plusSeconds(9))
                .build();
        List<Call> versions = List.of(base,
                base.toBuilder().from(NUMBERS.parse("+14155550100")).build(),
                base.toBuilder().muted(true).build(),
                base.toBuilder().recording(true).build(),
                base.toBuilder().connectedAt(T0.plusSeconds(3)).build(),
                base.toBuilder().state(CallState.HELD).build(),
                base.toBuilder().workItem(WorkItemId.of("w-9")).build(),
                base.toBuilder().record(new CrmRecordRef("hubspot", "CONTACT", "1", null)).build(),
                base.toBuilder().record(new CrmRecordRef("hubspot", "CONTACT", "1", "Ann")).build(),
                ended,
                ended.toBuilder().endStatus(EndStatus.NO_ANSWER).build(),
                ended.toBuilder().endedAt(T0.plusSeconds(10)).build(),
                ended.toBuilder().state(CallState.WRAPPED_UP).outcome(CallOutcome.NONE).wrappedUpAt(T0.plusSeconds(11))
                        .build(),
                ended.toBuilder().state(CallState.WRAPPED_UP).outcome(new CallOutcome("connected", "n", null))
                        .wrappedUpAt(T0.plusSeconds(11)).build());
        UiState shared = new UiState(NUMBERS);
        List<String> texts = new ArrayList<>();
        for (Call version : versions) {
            AgentSnapshot snapshot = new AgentSnapshot(1, Agent.offline(ANN), List.of(version), List.of());
            String text = shared.write(CODEC, snapshot, List.of(), Map.of());
            assertThat(text).as("%s", version)
                    .isEqualTo(CODEC.write(new UiStateTreeOracle(NUMBERS).render(snapshot, List.of(), Map.of())));
            texts.add(text);
        }
        assertThat(texts).doesNotHaveDuplicates();
    }
}
