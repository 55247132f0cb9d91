package io.callbridge.cluster.redis.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import java.io.StringWriter;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON that cluster-redis stores: core's records as they are, through Jackson mix-ins (core itself knows no JSON),
 * each document in an envelope that names its format, e.g. {@code {"v":1,"call":{...}}}.
 *
 * <p><b>Format 1.</b> Records are objects of their components; ids ({@code CallId}, {@code WorkItemId}) are plain
 * strings; instants are ISO-8601 text with every digit of the nanoseconds Java has; null components are left out;
 * map entries are sorted by key (stable text, easy to diff); a core event carries its kind in {@code "type"} (the
 * record's simple name). A reader ignores properties it does not know, so a node may read what a newer node of the
 * same format wrote with an extra component; a document of a newer format is refused with an error that says so,
 * rather than read wrongly. The golden fixtures under {@code src/test/resources/golden} pin the format.
 */
final class StoredJson {
    /** The format this code writes and the newest it reads. */
    static final int FORMAT = 1;

    private final JsonMapper mapper = JsonMapper.builder()
            .addMixIn(CallId.class, CallIdMixIn.class)
            .addMixIn(WorkItemId.class, WorkItemIdMixIn.class)
            .addMixIn(Agent.class, AgentMixIn.class)
            .addMixIn(CoreEvent.class, CoreEventMixIn.class)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Reads and writes one stored type in its envelope. */
    final class Codec<T> {
        private final String field;
        private final Class<T> type;

        private Codec(String field, Class<T> type) {
            this.field = field;
            this.type = type;
        }

        String write(T value) {
            Objects.requireNonNull(value, "value");
            StringWriter out = new StringWriter(512);
            try (JsonGenerator g = mapper.createGenerator(out)) {
                g.writeStartObject();
                g.writeNumberProperty("v", FORMAT);
                g.writeName(field);
                g.writePOJO(value);
                g.writeEndObject();
            }
            return out.toString();
        }

        T read(String json) {
            JsonNode root;
            try {
                root = mapper.readTree(json);
            } catch (JacksonException e) {
                throw new IllegalStateException("stored " + field + " is not JSON: " + e.getOriginalMessage(), e);
            }
            return read(root);
        }

        /** Reads a document already parsed, e.g. one of the events of an announcement. */
        T read(JsonNode root) {
            int format = root.path("v").asInt(0);
            if (format < 1 || format > FORMAT) {
                throw new IllegalStateException("stored " + field + " has format " + root.path("v")
                        + "; this callbridge reads formats 1 to " + FORMAT + " (was it written by a newer version?)");
            }
            JsonNode value = root.get(field);
            if (value == null || !value.isObject()) {
                throw new IllegalStateException("stored document has no '" + field + "' object");
            }
            try {
                return mapper.treeToValue(value, type);
            } catch (JacksonException e) {
                throw new IllegalStateException("stored " + field + " is not a valid " + type.getSimpleName() + ": "
                        + e.getOriginalMessage(), e);
            }
        }
    }

    /** Parses JSON that cluster-redis wrote (e.g. an announcement of new events). */
    JsonNode parse(String text) {
        return mapper.readTree(text);
    }

    final Codec<Call> calls = new Codec<>("call", Call.class);
    final Codec<Agent> agents = new Codec<>("agent", Agent.class);
    final Codec<WorkItem> workItems = new Codec<>("workItem", WorkItem.class);
    final Codec<CoreEvent> events = new Codec<>("event", CoreEvent.class);

    // ------------------------------------------------------------------ mix-ins

    /** Call ids are their text. */
    abstract static class CallIdMixIn {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        CallIdMixIn(String value) {
        }

        @JsonValue
        abstract String value();
    }

    /** Work item ids are their text. */
    abstract static class WorkItemIdMixIn {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        WorkItemIdMixIn(String value) {
        }

        @JsonValue
        abstract String value();
    }

    /** An agent is its components; the derived flags are not stored. */
    abstract static class AgentMixIn {
        @JsonIgnore
        abstract boolean isReadyForCalls();

        @JsonIgnore
        abstract boolean isAvailable();
    }

    /** Core events carry their kind, by a stable name rather than a class name. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = CoreEvent.CallCreated.class, name = "CallCreated"),
            @JsonSubTypes.Type(value = CoreEvent.CallStateChanged.class, name = "CallStateChanged"),
            @JsonSubTypes.Type(value = CoreEvent.CallUpdated.class, name = "CallUpdated"),
            @JsonSubTypes.Type(value = CoreEvent.WorkItemChanged.class, name = "WorkItemChanged"),
            @JsonSubTypes.Type(value = CoreEvent.AgentChanged.class, name = "AgentChanged"),
            @JsonSubTypes.Type(value = CoreEvent.AgentNotice.class, name = "AgentNotice")})
    interface CoreEventMixIn {
    }
}
