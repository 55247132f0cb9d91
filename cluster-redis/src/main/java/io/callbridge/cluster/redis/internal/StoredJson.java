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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.ser.std.DelegatingSerializer;

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

    /**
     * The value this thread wrote last, in its envelope. A write of a value is usually followed at once by the write of
     * its event ({@code CallUpdated(call)} after the call itself, in the same compare-and-set), which holds the same
     * instance: the event then takes the value's text from here instead of serializing the value again.
     */
    private final ThreadLocal<Written> lastWritten = new ThreadLocal<>();

    private final JsonMapper mapper = JsonMapper.builder()
            .addModule(new SimpleModule("callbridge-stored-values").setSerializerModifier(new ValueSerializerModifier() {
                @Override
                public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier bean,
                        ValueSerializer<?> serializer) {
                    Class<?> type = bean.getBeanClass();
                    return type == Call.class || type == Agent.class || type == WorkItem.class
                            ? new Reusing(serializer) : serializer;
                }
            }))
            .addMixIn(CallId.class, CallIdMixIn.class)
            .addMixIn(WorkItemId.class, WorkItemIdMixIn.class)
            .addMixIn(Agent.class, AgentMixIn.class)
            .addMixIn(CoreEvent.class, CoreEventMixIn.class)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Reads and writes one stored type in its envelope. Reading streams the document straight into the record (no
     * tree first), and a codec for stored values keeps the last value decoded from each of a few thousand texts:
     * core reads the same unchanged calls again and again (every snapshot holds all of an agent's kept calls), and
     * the text that Redis returns is the whole key to the value, since the values are immutable records.
     */
    final class Codec<T> {
        private final String field;
        /** {@code {"v":1,"<field>":}}: what precedes the value's own text in the envelope. */
        private final String prefix;
        /** Whether the value's text is kept in {@link #lastWritten} for the event written next (stored values). */
        private final boolean keepsText;
        private final Class<T> type;
        /** Binds the value in the middle of the envelope: the envelope's own end is checked here, not by Jackson. */
        private final ObjectReader nested;
        /** Racy on purpose: slots hold immutable pairs, and a lost or overwritten slot only costs a decode. */
        private final Decoded<T> @Nullable [] decoded;

        @SuppressWarnings("unchecked")
        private Codec(String field, Class<T> type, int cacheSlots, boolean keepsText) {
            this.field = field;
            this.prefix = "{\"v\":" + FORMAT + ",\"" + field + "\":";
            this.keepsText = keepsText;
            this.type = type;
            this.nested = mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            this.decoded = cacheSlots == 0 ? null : (Decoded<T>[]) new Decoded<?>[cacheSlots];
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
            String json = out.toString();
            if (keepsText && json.startsWith(prefix)) {
                lastWritten.set(new Written(value, json, prefix.length()));
            }
            Decoded<T>[] cache = decoded;
            if (cache != null) {
                // What this node writes it mostly reads back soon (a call after its event, its own announcements).
                cache[json.hashCode() & (cache.length - 1)] = new Decoded<>(json, value);
            }
            return json;
        }

        T read(String json) {
            Decoded<T>[] cache = decoded;
            if (cache == null) {
                return decode(json);
            }
            int slot = json.hashCode() & (cache.length - 1);
            Decoded<T> last = cache[slot];
            if (last != null && last.json.equals(json)) {
                return last.value;
            }
            T value = decode(json);
            cache[slot] = new Decoded<>(json, value);
            return value;
        }

        /**
         * The document as this format writes it ({@code "v"} first, then the one value) in one pass; anything else
         * (another order, a repeated name, not an object) goes through the tree, which names what is wrong.
         */
        private T decode(String json) {
            try (JsonParser p = mapper.createParser(json)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return readTree(json);
                }
                int format = -1;
                T value = null;
                for (String name = p.nextName(); name != null; name = p.nextName()) {
                    JsonToken token = p.nextToken();
                    if (name.equals("v") && format < 0 && token == JsonToken.VALUE_NUMBER_INT) {
                        format = checkFormat(p.getIntValue(), String.valueOf(p.getIntValue()));
                    } else if (name.equals(field) && format > 0 && value == null && token == JsonToken.START_OBJECT) {
                        value = bind(p);
                    } else if (name.equals("v") || name.equals(field)) {
                        return readTree(json);
                    } else {
                        p.skipChildren();
                    }
                }
                if (value == null || p.nextToken() != null) {
                    return readTree(json);
                }
                return value;
            } catch (StreamReadException e) {
                throw notJson(e);
            }
        }

        private T bind(JsonParser p) {
            try {
                return nested.readValue(p);
            } catch (StreamReadException e) {
                throw notJson(e);
            } catch (JacksonException e) {
                throw notValid(e);
            }
        }

        private T readTree(String json) {
            JsonNode root;
            try {
                root = mapper.readTree(json);
            } catch (JacksonException e) {
                throw notJson(e);
            }
            return read(root);
        }

        /** Reads a document already parsed, e.g. one of the events of an announcement. */
        T read(JsonNode root) {
            int format = root.path("v").asInt(0);
            if (format < 1 || format > FORMAT) {
                checkFormat(format, root.has("v") ? root.get("v").toString() : "none");
            }
            JsonNode value = root.get(field);
            if (value == null || !value.isObject()) {
                throw new IllegalStateException("stored document has no '" + field + "' object");
            }
            try {
                return mapper.treeToValue(value, type);
            } catch (JacksonException e) {
                throw notValid(e);
            }
        }

        private int checkFormat(int format, String shown) {
            if (format < 1 || format > FORMAT) {
                throw new IllegalStateException("stored " + field + " has format " + shown
                        + "; this callbridge reads formats 1 to " + FORMAT + " (was it written by a newer version?)");
            }
            return format;
        }

        private IllegalStateException notJson(JacksonException e) {
            return new IllegalStateException("stored " + field + " is not JSON: " + e.getOriginalMessage(), e);
        }

        private IllegalStateException notValid(JacksonException e) {
            return new IllegalStateException("stored " + field + " is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** A value and where its text starts in the envelope it was written in (it ends before the envelope's last brace). */
    private record Written(Object value, String envelope, int start) { }

    /**
     * A stored value's serializer that writes the value's text again when it is the instance this thread wrote last
     * (records are immutable, so the same instance has the same text), and serializes it otherwise.
     */
    private final class Reusing extends DelegatingSerializer {
        Reusing(ValueSerializer<?> serializer) {
            super(serializer);
        }

        @Override
        protected ValueSerializer<Object> newDelegatingInstance(ValueSerializer<?> serializer) {
            return new Reusing(serializer);
        }

        @Override
        public void serialize(Object value, JsonGenerator g, SerializationContext context) {
            Written last = lastWritten.get();
            if (last != null && last.value() == value) {
                g.writeRawValue(last.envelope(), last.start(), last.envelope().length() - 1 - last.start());
                return;
            }
            _delegatee.serialize(value, g, context);
        }
    }

    /** A stored text and the value decoded from it. */
    private record Decoded<T>(String json, T value) {
    }

    /** Parses JSON that cluster-redis wrote (e.g. an announcement of new events). */
    JsonNode parse(String text) {
        return mapper.readTree(text);
    }

    /**
     * An announcement of new events as events-publish writes it, {@code {"first":N,"at":"…","events":[…]}}, with each
     * event's own text cut out of the message (so {@link #events} finds the events this node wrote in its cache); or
     * null for anything else (a gap marker, another order), which the caller reads as a tree.
     */
    @Nullable Announcement announcement(String message) {
        try (JsonParser p = mapper.createParser(message)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            long first = -1;
            String at = null;
            List<String> texts = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken token = p.nextToken();
                if (name.equals("first") && first < 0 && token == JsonToken.VALUE_NUMBER_INT) {
                    first = p.getLongValue();
                } else if (name.equals("at") && at == null && token == JsonToken.VALUE_STRING) {
                    at = p.getString();
                } else if (name.equals("events") && texts == null && token == JsonToken.START_ARRAY) {
                    texts = new ArrayList<>();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        int start = Math.toIntExact(p.currentTokenLocation().getCharOffset());
                        p.skipChildren();
                        int end = Math.toIntExact(p.currentTokenLocation().getCharOffset()) + 1;
                        texts.add(message.substring(start, end));
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        return null;
                    }
                } else {
                    return null;
                }
            }
            if (first < 1 || at == null || texts == null || p.nextToken() != null) {
                return null;
            }
            return new Announcement(first, at, texts);
        } catch (JacksonException | ArithmeticException e) {
            return null;
        }
    }

    /** An announcement's first sequence, its instant's text and its events' texts, in order. */
    record Announcement(long first, String at, List<String> events) {
    }

    /** Slots of each stored type's cache of decoded values (a power of two). */
    private static final int DECODED_SLOTS = 2048;

    final Codec<Call> calls = new Codec<>("call", Call.class, DECODED_SLOTS, true);
    final Codec<Agent> agents = new Codec<>("agent", Agent.class, DECODED_SLOTS, true);
    final Codec<WorkItem> workItems = new Codec<>("workItem", WorkItem.class, DECODED_SLOTS, true);
    /** Events: a node reads back the ones it wrote, in its own announcements and replays. */
    final Codec<CoreEvent> events = new Codec<>("event", CoreEvent.class, DECODED_SLOTS, false);

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
