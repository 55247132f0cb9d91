package io.callbridge.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.Presence;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored JSON against golden fixtures, both ways: what is written equals the fixture, and the fixture reads back
 * as the value. Fixtures change only when the format does (then {@link StoredJson#FORMAT} changes too). Run with
 * {@code -Dcallbridge.writeGolden=true} to rewrite them from the values here after a deliberate change.
 */
class StoredJsonTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final JsonMapper PLAIN = JsonMapper.builder().build();
    private static final AgentId ANN = AgentId.of("acme", "ann");
    private static final Instant T = Instant.parse("2026-03-04T10:15:30.123456789Z");

    private final StoredJson json = new StoredJson();

    static final Call FULL_CALL = new Call(CallId.of("call-7f3a"), ANN, Direction.OUTBOUND,
            new PhoneNumber("+14155550100", null, "+1 415 555 0100"),
            new PhoneNumber("+442071838750", "204", "020 7183 8750 ext. 204"),
            CallState.WRAPPED_UP, EndStatus.COMPLETED, T, T.plusSeconds(3), T.plusSeconds(95), T.plusSeconds(140),
            true, true, URI.create("https://rec.example/r/7f3a?sig=a%2Bb"),
            new CallOutcome("connected", "Zoë wants \"pricing\" — call back\nTuesday", URI.create("https://rec.example/f")),
            new CrmRecordRef("salesforce", "Lead", "00Q5e000001AbCd", "Zoë O'Brien"),
            Map.of("hubspot.dial", "{\"phoneNumber\":\"+14155550100\"}", "salesforce.screenPop", "Lead"),
            Map.of("salesforce.taskId", "00T5e000002XyZ", "hubspot.engagementId", "88211"),
            WorkItemId.of("0Z/step:1"));
    static final Call NEW_CALL = Call.outbound(CallId.of("call-1"), ANN, null,
            new PhoneNumber("+14155550101", null, "(415) 555-0101"), T);
    static final Agent AGENT = new Agent(ANN, true, Presence.away("lunch"), Presence.AVAILABLE, Activity.ON_CALL);
    static final WorkItem WORK_ITEM = WorkItem.pending(WorkItemId.of("0Z/step:1"), ANN,
            new PhoneNumber("+14155550100", null, "415.555.0100"), CompletionTrigger.LOG_SAVED, T,
            T.plusSeconds(1800), Map.of("salesforce.workId", "0Bz5e000", "salesforce.objectId", "00Q5e000001AbCd"))
            .matched(CallId.of("call-7f3a")).logged("00T5e000002XyZ");

    static Map<String, Object> fixtures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("call-full", FULL_CALL);
        f.put("call-new", NEW_CALL);
        f.put("agent", AGENT);
        f.put("agent-offline", Agent.offline(AgentId.of("globex", "bob@globex.example")));
        f.put("work-item", WORK_ITEM);
        f.put("event-call-created", new CoreEvent.CallCreated(NEW_CALL));
        f.put("event-call-state-changed", new CoreEvent.CallStateChanged(FULL_CALL, CallState.ENDED));
        f.put("event-call-updated", new CoreEvent.CallUpdated(FULL_CALL));
        f.put("event-work-item-offered", new CoreEvent.WorkItemChanged(WORK_ITEM, null));
        f.put("event-work-item-changed", new CoreEvent.WorkItemChanged(WORK_ITEM, WorkItemState.MATCHED));
        f.put("event-agent-changed", new CoreEvent.AgentChanged(AGENT, Agent.offline(ANN)));
        f.put("event-agent-notice", new CoreEvent.AgentNotice("PROVIDER_FAILURE", "number barred", CallId.of("c-9")));
        return f;
    }

    static Set<String> fixtureNames() {
        return fixtures().keySet();
    }

    @ParameterizedTest
    @MethodSource("fixtureNames")
    void writesExactlyTheGoldenFixtureAndReadsItBack(String name) {
        Object value = fixtures().get(name);
        String written = write(value);
        Path file = GOLDEN.resolve(name + ".json");
        if (Boolean.getBoolean("callbridge.writeGolden")) {
            writeFile(file, PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(PLAIN.readTree(written)) + "\n");
        }
        String golden = readFile(file);
        assertThat(tree(written)).as("written %s", name).isEqualTo(tree(golden));
        assertThat(read(value.getClass(), golden)).as("read %s", name).isEqualTo(value);
    }

    @Test
    void everyCoreEventKindHasAStoredName() {
        // A new kind of event in core must get a name here, or publishing it would fail at run time.
        Set<String> named = Arrays.stream(StoredJson.CoreEventMixIn.class
                        .getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value())
                .map(t -> t.value().getName()).collect(Collectors.toSet());
        Set<String> kinds = Arrays.stream(CoreEvent.class.getPermittedSubclasses()).map(Class::getName)
                .collect(Collectors.toSet());
        assertThat(named).isEqualTo(kinds);
    }

    @Test
    void theFormatIsInTheEnvelopeAndIdsAreText() {
        JsonNode root = tree(json.calls.write(FULL_CALL));
        assertThat(root.get("v").asInt()).isEqualTo(1);
        assertThat(root.get("call").get("id").isString()).isTrue();
        assertThat(root.get("call").get("connectedAt").asString()).isEqualTo("2026-03-04T10:15:33.123456789Z");
        assertThat(tree(json.agents.write(AGENT)).get("agent").has("available")).as("derived flags not stored")
                .isFalse();
    }

    @Test
    void aNewerFormatIsRefusedWithAnErrorThatSaysSo() {
        String newer = json.calls.write(NEW_CALL).replace("{\"v\":1", "{\"v\":2");
        assertThatThrownBy(() -> json.calls.read(newer)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format 2").hasMessageContaining("newer");
    }

    @Test
    void anUnknownPropertyOfTheSameFormatIsIgnored() {
        String withExtra = json.agents.write(AGENT).replace("\"agent\":{", "\"agent\":{\"addedLater\":[1,2],");
        assertThat(json.agents.read(withExtra)).isEqualTo(AGENT);
    }

    @Test
    void damagedDocumentsAreNamedNotMisread() {
        assertThatThrownBy(() -> json.calls.read("not json")).hasMessageContaining("stored call is not JSON");
        assertThatThrownBy(() -> json.calls.read("{\"v\":1,\"agent\":{}}")).hasMessageContaining("no 'call'");
        assertThatThrownBy(() -> json.calls.read("{\"v\":1,\"call\":{\"id\":\"x\"}}"))
                .hasMessageContaining("not a valid Call");
    }

    @Test
    void aDocumentInAnotherOrderOrWithRepeatedNamesIsReadThroughTheTreeWithTheSameChecks() {
        String written = json.calls.write(FULL_CALL);
        String body = written.substring(written.indexOf("\"call\":"), written.length() - 1);
        assertThat(json.calls.read("{" + body + ",\"v\":1}")).as("the value before the format").isEqualTo(FULL_CALL);
        assertThat(json.calls.read("{\"extra\":{\"v\":9},\"v\":1," + body + "}")).as("an unknown member first")
                .isEqualTo(FULL_CALL);
        assertThatThrownBy(() -> json.calls.read("{" + body + ",\"v\":2}")).hasMessageContaining("format 2");
        assertThatThrownBy(() -> json.calls.read("{\"call\":{\"id\":\"x\"}}")).hasMessageContaining("format none");
        assertThatThrownBy(() -> json.calls.read(written + "{")).hasMessageContaining("stored call is not JSON");
        assertThatThrownBy(() -> json.calls.read("[1]")).hasMessageContaining("format none");
        assertThatThrownBy(() -> json.calls.read("{\"v\":1,\"call\":{\"id\":")).hasMessageContaining("not JSON");
    }

    @Test
    void aTextReadAgainGivesTheValueDecodedBeforeAndAChangedTextItsOwn() {
        String text = json.calls.write(FULL_CALL);
        Call first = json.calls.read(text);
        assertThat(json.calls.read(new String(text))).as("equal text, decoded once").isSameAs(first);
        Call changed = FULL_CALL.toBuilder().muted(false).build();
        assertThat(json.calls.read(json.calls.write(changed))).isEqualTo(changed).isNotSameAs(first);
        assertThat(json.calls.read(text)).isEqualTo(FULL_CALL);
    }

    @Test
    void anAnnouncementIsCutIntoItsEventsTextsAndAnEventThisNodeWroteIsNotDecodedAgain() {
        CoreEvent updated = new CoreEvent.CallUpdated(FULL_CALL);
        CoreEvent changed = new CoreEvent.CallStateChanged(FULL_CALL, CallState.ENDED);
        String a = json.events.write(updated);
        String b = json.events.write(changed);
        // As events-publish writes it.
        String message = "{\"first\":41,\"at\":\"" + T + "\",\"events\":[" + a + "," + b + "]}";

        StoredJson.Announcement split = json.announcement(message);
        assertThat(split).isNotNull();
        assertThat(split.first()).isEqualTo(41);
        assertThat(split.at()).isEqualTo(T.toString());
        assertThat(split.events()).containsExactly(a, b);
        assertThat(json.events.read(split.events().get(0))).as("written here: not decoded again").isSameAs(updated);
        assertThat(new StoredJson().events.read(split.events().get(1))).as("another node decodes it")
                .isEqualTo(changed);

        assertThat(json.announcement("{\"first\":7,\"at\":\"" + T + "\",\"gap\":true,\"events\":[]}"))
                .as("a gap marker is read as a tree").isNull();
        assertThat(json.announcement("{\"events\":[" + a + "],\"first\":41,\"at\":\"" + T + "\"}")).isNotNull();
        assertThat(json.announcement("{\"first\":41,\"events\":[1]}")).isNull();
        assertThat(json.announcement("{\"first\":41,\"at\":\"" + T + "\",\"events\":[" + a)).isNull();
    }

    private String write(Object value) {
        if (value instanceof Call c) {
            return json.calls.write(c);
        } else if (value instanceof Agent a) {
            return json.agents.write(a);
        } else if (value instanceof WorkItem w) {
            return json.workItems.write(w);
        }
        return json.events.write((CoreEvent) value);
    }

    private Object read(Class<?> type, String text) {
        if (type == Call.class) {
            return json.calls.read(text);
        } else if (type == Agent.class) {
            return json.agents.read(text);
        } else if (type == WorkItem.class) {
            return json.workItems.read(text);
        }
        return json.events.read(text);
    }

    private static JsonNode tree(String text) {
        return PLAIN.readTree(text);
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing golden fixture " + file + " (write it with -Dcallbridge.writeGolden=true)", e);
        }
    }

    private static void writeFile(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A compare-and-set writes the value and then its event, which holds the same instance: the event takes the value's
     * text instead of serializing the value a second time (a spy counts the reads of the call's components), and its
     * text is what serializing would have written. Another instance, even an equal one, is serialized.
     */
    @Test
    void anEventWrittenRightAfterItsValueTakesTheValuesTextAndWritesTheSameText() {
        Call call = Mockito.spy(FULL_CALL);
        String value = json.calls.write(call);
        String event = json.events.write(new CoreEvent.CallUpdated(call));
        Mockito.verify(call, Mockito.times(1)).crmLinks();
        assertThat(event).isEqualTo(new StoredJson().events.write(new CoreEvent.CallUpdated(FULL_CALL)));
        assertThat(value).isEqualTo(new StoredJson().calls.write(FULL_CALL));

        Call equal = Mockito.spy(FULL_CALL);
        assertThat(json.events.write(new CoreEvent.CallStateChanged(equal, CallState.ENDED)))
                .isEqualTo(new StoredJson().events.write(new CoreEvent.CallStateChanged(FULL_CALL, CallState.ENDED)));
        Mockito.verify(equal, Mockito.times(1)).crmLinks();

        Agent agent = Mockito.spy(AGENT);
        json.agents.write(agent);
        assertThat(json.events.write(new CoreEvent.AgentChanged(agent, Agent.offline(ANN))))
                .isEqualTo(new StoredJson().events.write(new CoreEvent.AgentChanged(AGENT, Agent.offline(ANN))));
        Mockito.verify(agent, Mockito.times(1)).presence();

        WorkItem item = Mockito.spy(WORK_ITEM);
        json.workItems.write(item);
        assertThat(json.events.write(new CoreEvent.WorkItemChanged(item, WorkItemState.MATCHED)))
                .isEqualTo(new StoredJson().events.write(new CoreEvent.WorkItemChanged(WORK_ITEM, WorkItemState.MATCHED)));
        Mockito.verify(item, Mockito.times(1)).expiresAt();
    }
}
