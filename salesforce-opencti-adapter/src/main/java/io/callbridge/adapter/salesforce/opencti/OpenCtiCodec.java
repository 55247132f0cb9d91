package io.callbridge.adapter.salesforce.opencti;

import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.DisableClickToDial;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.EnableClickToDial;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.GetAppViewInfo;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.GetCallCenterSettings;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.GetSoftphoneLayout;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.HvsCompleteWork;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.HvsOnWorkStart;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.IsSoftphonePanelVisible;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.NotifyInitializationComplete;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.OnClickToDial;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.OnNavigationChange;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.Publish;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.RefreshView;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.RunApex;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SaveLog;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.ScreenPop;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SearchAndScreenPop;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphoneItemIcon;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphoneItemLabel;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelHeight;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelIcon;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelLabel;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelVisibility;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelWidth;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.Subscribe;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.Unsubscribe;
import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException.Code;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON form of the Open CTI model in the bridge protocol.
 * <ul>
 *   <li>invocation: {@code {"method":"screenPop","args":{"type":"sobject","params":{"recordId":"…"}}}} — the
 *       bridge calls {@code sforce.opencti[method](args)} after adding the callback or listener;</li>
 *   <li>listener event: {@code {"event":"onClickToDial","payload":{…}}};</li>
 *   <li>outcome: Salesforce's result {@code {"success":…,"returnValue":…,"errors":…}} or
 *       {@code {"localFailure":{"kind":"TIMEOUT","message":"…"}}}.</li>
 * </ul>
 * Decoding never lets bad input through: it throws {@link OpenCtiMessageException} naming the field. Keys a
 * method does not know are ignored, as the Open CTI library ignores them. Immutable and thread-safe.
 */
public final class OpenCtiCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Map<String, Function<JsonObjectReader, OpenCtiInvocation>> METHODS = methodDecoders();
    /** Room for a typical invocation (a saveLog is about 300 characters), so the builder does not grow. */
    private static final int INITIAL_CAPACITY = 384;
    /**
     * Invocations whose record has no components take no arguments: their args are always {@code {}}, with no
     * generator needed to say so.
     */
    private static final ClassValue<Boolean> WITHOUT_ARGS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isRecord() && type.getRecordComponents().length == 0;
        }
    };
    private static final Map<String, Function<JsonObjectReader, OpenCtiEvent>> EVENTS = eventDecoders();

    /**
     * The bare streaming parser behind {@link #plainResult}, with the mapper's duplicate check: the mapper's own
     * {@code createParser} sets up a whole deserialization context the one-pass reading never uses.
     */
    private static final JsonFactory RESULTS = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonMapper mapper;

    public OpenCtiCodec() {
        this.mapper = JsonMapper.builder()
                // A repeated key could smuggle a second value past a validating reader.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Keeps decimals exact through a round trip (field values may be currency).
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    /** Every method name an invocation can have, e.g. {@code screenPop}, {@code hvs.completeWork}. */
    public static Set<String> methods() {
        return METHODS.keySet();
    }

    /** Every listener event name, e.g. {@code onClickToDial}, {@code hvs.onWorkStart}. */
    public static Set<String> events() {
        return EVENTS.keySet();
    }

    // ---- invocations ------------------------------------------------------------------------------------

    public String encodeInvocation(OpenCtiInvocation invocation) {
        JsonWriter g = new JsonWriter(INITIAL_CAPACITY);
        g.writeStartObject();
        g.writeStringProperty("method", invocation.method());
        g.writeName("args");
        writeArgs(g, invocation);
        g.writeEndObject();
        return g.toString();
    }

    /** The invocation as a tree: exactly what {@link #encodeInvocation} writes, read back. */
    public ObjectNode invocationTree(OpenCtiInvocation invocation) {
        return (ObjectNode) parse(encodeInvocation(invocation));
    }

    public OpenCtiInvocation decodeInvocation(String json) {
        return decodeInvocation(parse(json));
    }

    public OpenCtiInvocation decodeInvocation(JsonNode tree) {
        JsonObjectReader root = JsonObjectReader.root(tree);
        String method = root.string("method");
        Function<JsonObjectReader, OpenCtiInvocation> decoder = METHODS.get(method);
        if (decoder == null) {
            throw new OpenCtiMessageException(Code.UNKNOWN_METHOD, "method", "unknown Open CTI method '" + method + "'");
        }
        JsonObjectReader args = root.object("args");
        return validated(args, () -> decoder.apply(args));
    }

    // ---- listener events --------------------------------------------------------------------------------

    public String encodeEvent(OpenCtiEvent event) {
        return mapper.writeValueAsString(eventTree(event));
    }

    public ObjectNode eventTree(OpenCtiEvent event) {
        ObjectNode root = NODES.objectNode();
        root.put("event", event.event());
        root.set("payload", payload(event));
        return root;
    }

    public OpenCtiEvent decodeEvent(String json) {
        return decodeEvent(parse(json));
    }

    public OpenCtiEvent decodeEvent(JsonNode tree) {
        JsonObjectReader root = JsonObjectReader.root(tree);
        String event = root.string("event");
        Function<JsonObjectReader, OpenCtiEvent> decoder = EVENTS.get(event);
        if (decoder == null) {
            throw new OpenCtiMessageException(Code.UNKNOWN_EVENT, "event", "unknown Open CTI listener event '" + event + "'");
        }
        JsonObjectReader payload = root.object("payload");
        return validated(payload, () -> decoder.apply(payload));
    }

    /**
     * Decodes a listener event as the bridge protocol carries it: the event's name and its payload apart. Field
     * paths in errors are relative to the payload (e.g. {@code number}, {@code attributes.to}); an unknown name is
     * reported at {@code event}.
     */
    public OpenCtiEvent decodeEvent(String name, String payloadJson) {
        Function<JsonObjectReader, OpenCtiEvent> decoder = EVENTS.get(name);
        if (decoder == null) {
            throw new OpenCtiMessageException(Code.UNKNOWN_EVENT, "event", "unknown Open CTI listener event '" + name + "'");
        }
        JsonObjectReader payload = JsonObjectReader.root(parse(payloadJson));
        return validated(payload, () -> decoder.apply(payload));
    }

    // ---- outcomes ---------------------------------------------------------------------------------------

    public String encodeOutcome(InvocationOutcome outcome) {
        return mapper.writeValueAsString(outcomeTree(outcome));
    }

    public ObjectNode outcomeTree(InvocationOutcome outcome) {
        ObjectNode root = NODES.objectNode();
        if (outcome instanceof LocalFailure failure) {
            ObjectNode local = root.putObject("localFailure");
            local.put("kind", failure.kind().name());
            local.put("message", failure.message());
        } else if (outcome instanceof OpenCtiResult result) {
            root.put("success", result.success());
            root.set("returnValue", toNode(result.returnValue()));
            if (result.errors().isEmpty()) {
                // Salesforce sends null, not an empty list, when there are no errors.
                root.putNull("errors");
            } else {
                ArrayNode errors = root.putArray("errors");
                for (OpenCtiError error : result.errors()) {
                    ObjectNode e = errors.addObject();
                    e.put("code", error.rawCode());
                    e.put("description", error.description());
                    String details = error.detailsJson();
                    if (details != null) {
                        e.set("details", embedded(details, "details"));
                    }
                }
            }
        } else {
            throw new IllegalStateException("unhandled outcome " + outcome.getClass());
        }
        return root;
    }

    /** Just the {@code args} of an invocation, as JSON text: what a bridge passes to the Open CTI method. */
    public String encodeArgs(OpenCtiInvocation invocation) {
        if (WITHOUT_ARGS.get(invocation.getClass())) {
            return "{}";
        }
        JsonWriter g = new JsonWriter(INITIAL_CAPACITY);
        writeArgs(g, invocation);
        return g.toString();
    }

    public InvocationOutcome decodeOutcome(String json) {
        return decodeOutcome(parse(json));
    }

    public InvocationOutcome decodeOutcome(JsonNode tree) {
        JsonObjectReader root = JsonObjectReader.root(tree);
        JsonObjectReader local = root.optObject("localFailure");
        if (local != null) {
            String kind = local.string("kind");
            LocalFailure.Kind parsed = enumValue(LocalFailure.Kind.class, kind, local.pathOf("kind"));
            return new LocalFailure(parsed, local.string("message"));
        }
        return decodeResult(root);
    }

    /** Decodes a Salesforce callback result as the bridge received it. */
    public OpenCtiResult decodeResult(String json) {
        OpenCtiResult plain = plainResult(json);
        return plain != null ? plain : decodeResult(JsonObjectReader.root(parse(json)));
    }

    /**
     * The result almost every invocation gets (an object with a boolean {@code success}, any {@code returnValue} and
     * no {@code errors}) read in one pass, without a tree. Null for anything else (errors, a wrong type, a missing
     * field, malformed JSON): the tree reader then decodes it or refuses it with its precise message, so both ways
     * give the same answer for every input.
     */
    private @Nullable OpenCtiResult plainResult(String json) {
        try (JsonParser p = RESULTS.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Boolean success = null;
            Object returnValue = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken value = p.nextToken();
                switch (name) {
                    case "success" -> {
                        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                            return null;
                        }
                        success = value == JsonToken.VALUE_TRUE;
                    }
                    case "returnValue" -> returnValue = plainValue(p, value);
                    case "errors" -> {
                        if (value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (success == null || p.nextToken() != null) {
                return null;
            }
            return new OpenCtiResult(success, returnValue, List.of());
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The value at the parser's current token in plain Java, as {@link JsonObjectReader#toJava} reads a tree. */
    private static @Nullable Object plainValue(JsonParser p, JsonToken token) {
        switch (token) {
            case VALUE_STRING:
                return p.getString();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(p.getBigIntegerValue()) : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case START_ARRAY: {
                List<@Nullable Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(plainValue(p, t));
                }
                return list;
            }
            case START_OBJECT: {
                Map<String, @Nullable Object> map = new LinkedHashMap<>();
                for (String name = p.nextName(); name != null; name = p.nextName()) {
                    map.put(name, plainValue(p, p.nextToken()));
                }
                return map;
            }
            default:
                throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    private OpenCtiResult decodeResult(JsonObjectReader root) {
        boolean success = root.bool("success");
        // Read once into plain Java: the flow looks into it (savedRecordId, searchMatches) without parsing again.
        @Nullable Object returnValue = root.any("returnValue");
        List<JsonObjectReader> errorNodes = root.optObjects("errors");
        if (errorNodes == null) {
            return new OpenCtiResult(success, returnValue, List.of());
        }
        List<OpenCtiError> errors = new ArrayList<>(errorNodes.size());
        for (JsonObjectReader e : errorNodes) {
            // A missing description is tolerated: losing the whole result over it would hide the failure.
            String description = e.optString("description");
            JsonNode details = e.node("details");
            errors.add(OpenCtiError.of(e.string("code"), description == null ? "" : description,
                    details == null ? null : mapper.writeValueAsString(details)));
        }
        return new OpenCtiResult(success, returnValue, errors);
    }

    // ---- return values ----------------------------------------------------------------------------------

    /**
     * The id of the record a successful {@code saveLog} created or updated ({@code returnValue.recordId}),
     * empty when the result failed or carries no valid id.
     */
    public Optional<String> savedRecordId(OpenCtiResult result) {
        return returnValue(result).get("recordId") instanceof String id && SalesforceIds.isValid(id)
                ? Optional.of(id) : Optional.empty();
    }

    /**
     * The settings of {@code getCallCenterSettings}, keyed {@code /section/item}; non-string values are
     * skipped. Empty when the result failed.
     */
    public Map<String, String> callCenterSettings(OpenCtiResult result) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, @Nullable Object> e : returnValue(result).entrySet()) {
            if (e.getValue() instanceof String value) {
                settings.put(e.getKey(), value);
            }
        }
        return Collections.unmodifiableMap(settings);
    }

    /**
     * The records a successful {@code searchAndScreenPop} found, in the order Salesforce listed them. The return
     * value maps each record id to its fields ({@code Id}, {@code Name}, {@code RecordType}, ...); the
     * {@code SCREEN_POP_DATA} entry of a deferred search and entries that are not records are skipped.
     */
    public List<SearchMatch> searchMatches(OpenCtiResult result) {
        List<SearchMatch> matches = new ArrayList<>();
        for (Map.Entry<String, @Nullable Object> e : returnValue(result).entrySet()) {
            if (!SalesforceIds.isValid(e.getKey()) || !(e.getValue() instanceof Map<?, ?> fields)) {
                continue;
            }
            matches.add(new SearchMatch(e.getKey(), fields.get("Name") instanceof String name ? name : null,
                    fields.get("RecordType") instanceof String type ? type : null));
        }
        return List.copyOf(matches);
    }

    /**
     * Reads an {@code errors} array on its own, e.g. the details a transport attached to a failed invocation.
     *
     * @throws OpenCtiMessageException if {@code json} is not an array of error objects
     */
    public List<OpenCtiError> decodeErrors(String json) {
        ObjectNode wrapper = NODES.objectNode();
        wrapper.put("success", false);
        wrapper.set("errors", parse(json));
        return decodeResult(JsonObjectReader.root(wrapper)).errors();
    }

    /** The return value when it is an object of a successful result, else an empty map. */
    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> returnValue(OpenCtiResult result) {
        return result.success() && result.returnValue() instanceof Map<?, ?> map
                ? (Map<String, @Nullable Object>) map : Map.of();
    }

    // ---- JSON plumbing ----------------------------------------------------------------------------------

    /** Parses with this codec's settings; tests compare trees read the same way. */
    JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JacksonException e) {
            throw new OpenCtiMessageException(Code.MALFORMED_JSON, "$", e.getOriginalMessage(), e);
        }
    }

    private JsonNode embedded(String json, String what) {
        try {
            return mapper.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not valid JSON text: " + e.getOriginalMessage(), e);
        }
    }

    /** Runs a model constructor and reports its argument check as an invalid value at the field's path. */
    private static <T> T validated(JsonObjectReader at, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidInvocationException e) {
            throw new OpenCtiMessageException(Code.INVALID_VALUE, at.pathOf(e.argument()), e.getMessage(), e);
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String path) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new OpenCtiMessageException(Code.INVALID_VALUE, path, "unknown value '" + value + "'");
    }

    static JsonNode toNode(@Nullable Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.stringNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Long l) {
            // Same node type the parser produces, so decoded-then-encoded trees compare equal.
            return l == l.intValue() ? NODES.numberNode(l.intValue()) : NODES.numberNode(l);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(toNode(element)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set((String) k, toNode(v)));
            return object;
        }
        // The model normalises every JSON value (see JsonValues), so nothing else can get here.
        throw new IllegalStateException("not a model JSON value: " + value.getClass());
    }

    // ---- encoders ---------------------------------------------------------------------------------------

    /*
     * Invocations are written straight as text (JsonWriter, byte for byte what the mapper writes), without a tree or
     * a generator in between: they are what every call sends, while events and outcomes (above) only come in, and
     * are encoded for tests and tools.
     */
    private static void writeArgs(JsonWriter g, OpenCtiInvocation invocation) {
        g.writeStartObject();
        if (invocation instanceof ScreenPop pop) {
            g.writeStringProperty("type", pop.type());
            g.writeName("params");
            writeScreenPopParams(g, pop);
        } else if (invocation instanceof SearchAndScreenPop s) {
            g.writeStringProperty("searchParams", s.searchParams());
            g.writeStringProperty("callType", s.callType().wireValue());
            writeIfPresent(g, "queryParams", s.queryParams());
            writeIfPresent(g, "defaultFieldValues", s.defaultFieldValues());
            writeIfPresent(g, "params", s.params());
            if (s.deferred()) {
                g.writeBooleanProperty("deferred", true);
            }
        } else if (invocation instanceof SaveLog s) {
            g.writeName("value");
            writeValue(g, s.value());
        } else if (invocation instanceof RunApex r) {
            g.writeStringProperty("apexClass", r.apexClass());
            g.writeStringProperty("methodName", r.methodName());
            g.writeStringProperty("methodParams", r.methodParams());
        } else if (invocation instanceof SetSoftphonePanelVisibility v) {
            g.writeBooleanProperty("visible", v.visible());
        } else if (invocation instanceof SetSoftphonePanelHeight h) {
            g.writeNumberProperty("heightPX", h.heightPX());
        } else if (invocation instanceof SetSoftphonePanelWidth w) {
            g.writeNumberProperty("widthPX", w.widthPX());
        } else if (invocation instanceof SetSoftphonePanelLabel l) {
            g.writeStringProperty("label", l.label());
        } else if (invocation instanceof SetSoftphoneItemLabel l) {
            g.writeStringProperty("label", l.label());
        } else if (invocation instanceof SetSoftphonePanelIcon i) {
            g.writeStringProperty("key", i.key());
        } else if (invocation instanceof SetSoftphoneItemIcon i) {
            g.writeStringProperty("key", i.key());
        } else if (invocation instanceof Subscribe s) {
            g.writeStringProperty("channelName", s.channelName());
        } else if (invocation instanceof Unsubscribe u) {
            g.writeStringProperty("channelName", u.channelName());
        } else if (invocation instanceof Publish p) {
            g.writeStringProperty("channelName", p.channelName());
            g.writeName("message");
            writeValue(g, p.message());
        } else if (invocation instanceof HvsCompleteWork c) {
            g.writeStringProperty("workId", c.workId());
            g.writeName("attributes");
            g.writeStartObject();
            g.writeStringProperty("disposition", c.attributes().disposition());
            g.writeStringProperty("taskId", c.attributes().taskId());
            g.writeBooleanProperty("wasConnected", c.attributes().wasConnected());
            g.writeEndObject();
        }
        // Every other method takes no arguments besides the callback or listener the bridge adds.
        g.writeEndObject();
    }

    private static void writeScreenPopParams(JsonWriter g, ScreenPop pop) {
        g.writeStartObject();
        if (pop instanceof ScreenPop.SObject s) {
            g.writeStringProperty("recordId", s.recordId());
        } else if (pop instanceof ScreenPop.Url u) {
            g.writeStringProperty("url", u.url());
        } else if (pop instanceof ScreenPop.ObjectHome h) {
            g.writeStringProperty("scope", h.scope());
        } else if (pop instanceof ScreenPop.ListView l) {
            g.writeStringProperty("listViewId", l.listViewId());
            g.writeStringProperty("scope", l.scope());
        } else if (pop instanceof ScreenPop.Search s) {
            g.writeStringProperty("searchString", s.searchString());
        } else if (pop instanceof ScreenPop.NewRecord n) {
            g.writeStringProperty("entityName", n.entityName());
            writeIfPresent(g, "defaultFieldValues", n.defaultFieldValues());
        } else if (pop instanceof ScreenPop.Flow f) {
            g.writeStringProperty("flowDevName", f.flowDevName());
            g.writeName("flowArgs");
            g.writeStartArray();
            for (FlowArg arg : f.flowArgs()) {
                g.writeStartObject();
                g.writeStringProperty("name", arg.name());
                g.writeStringProperty("type", arg.type());
                g.writeName("value");
                writeValue(g, arg.value());
                g.writeEndObject();
            }
            g.writeEndArray();
        } else {
            throw new IllegalStateException("unhandled screen pop " + pop.getClass());
        }
        g.writeEndObject();
    }

    private static void writeIfPresent(JsonWriter g, String key, @Nullable Object value) {
        if (value != null) {
            g.writeName(key);
            writeValue(g, value);
        }
    }

    /** A model JSON value (see {@link JsonValues}), written as {@link #toNode} would have it serialised. */
    private static void writeValue(JsonWriter g, @Nullable Object value) {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                writeValue(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            // The model normalises every JSON value (see JsonValues), so nothing else can get here.
            throw new IllegalStateException("not a model JSON value: " + value.getClass());
        }
    }

    private static ObjectNode payload(OpenCtiEvent event) {
        ObjectNode payload = NODES.objectNode();
        if (event instanceof OpenCtiEvent.ClickToDial c) {
            payload.put("number", c.number());
            putIfPresent(payload, "recordId", c.recordId());
            putIfPresent(payload, "recordName", c.recordName());
            putIfPresent(payload, "objectType", c.objectType());
            payload.put("personAccount", c.personAccount());
            putIfPresent(payload, "accountId", c.accountId());
            putIfPresent(payload, "contactId", c.contactId());
            putIfPresent(payload, "params", c.params());
        } else if (event instanceof OpenCtiEvent.NavigationChange n) {
            payload.put("url", n.url());
            putIfPresent(payload, "recordId", n.recordId());
            putIfPresent(payload, "recordName", n.recordName());
            putIfPresent(payload, "objectType", n.objectType());
            payload.put("personAccount", n.personAccount());
            putIfPresent(payload, "accountId", n.accountId());
            putIfPresent(payload, "contactId", n.contactId());
        } else if (event instanceof OpenCtiEvent.WorkStart w) {
            payload.put("workId", w.workId());
            payload.put("completeWorkWhen", w.completeWorkWhen());
            payload.putObject("attributes").put("to", w.to());
        } else if (event instanceof OpenCtiEvent.ChannelMessage m) {
            payload.put("channelName", m.channelName());
            payload.set("message", toNode(m.message()));
        } else {
            throw new IllegalStateException("unhandled event " + event.getClass());
        }
        return payload;
    }

    private static void putIfPresent(ObjectNode node, String key, @Nullable Object value) {
        if (value != null) {
            node.set(key, toNode(value));
        }
    }

    // ---- decoders ---------------------------------------------------------------------------------------

    private static Map<String, Function<JsonObjectReader, OpenCtiInvocation>> methodDecoders() {
        Map<String, Function<JsonObjectReader, OpenCtiInvocation>> m = new LinkedHashMap<>();
        m.put("notifyInitializationComplete", a -> new NotifyInitializationComplete());
        m.put("enableClickToDial", a -> new EnableClickToDial());
        m.put("disableClickToDial", a -> new DisableClickToDial());
        m.put("onClickToDial", a -> new OnClickToDial());
        m.put("onNavigationChange", a -> new OnNavigationChange());
        m.put("getAppViewInfo", a -> new GetAppViewInfo());
        m.put("screenPop", OpenCtiCodec::screenPop);
        m.put("searchAndScreenPop", a -> {
            String callType = a.string("callType");
            return new SearchAndScreenPop(a.string("searchParams"),
                    CallType.fromWire(callType).orElseThrow(() -> new OpenCtiMessageException(Code.INVALID_VALUE,
                            a.pathOf("callType"), "must be inbound, outbound or internal, was '" + callType + "'")),
                    a.optString("queryParams"), a.optMap("defaultFieldValues"), a.optMap("params"),
                    a.optBool("deferred", false));
        });
        m.put("saveLog", a -> new SaveLog(a.map("value")));
        m.put("refreshView", a -> new RefreshView());
        m.put("runApex", a -> new RunApex(a.string("apexClass"), a.string("methodName"), a.string("methodParams")));
        m.put("getCallCenterSettings", a -> new GetCallCenterSettings());
        m.put("getSoftphoneLayout", a -> new GetSoftphoneLayout());
        m.put("setSoftphonePanelVisibility", a -> new SetSoftphonePanelVisibility(a.bool("visible")));
        m.put("isSoftphonePanelVisible", a -> new IsSoftphonePanelVisible());
        m.put("setSoftphonePanelHeight", a -> new SetSoftphonePanelHeight(a.integer("heightPX")));
        m.put("setSoftphonePanelWidth", a -> new SetSoftphonePanelWidth(a.integer("widthPX")));
        m.put("setSoftphonePanelLabel", a -> new SetSoftphonePanelLabel(a.string("label")));
        m.put("setSoftphonePanelIcon", a -> new SetSoftphonePanelIcon(a.string("key")));
        m.put("setSoftphoneItemLabel", a -> new SetSoftphoneItemLabel(a.string("label")));
        m.put("setSoftphoneItemIcon", a -> new SetSoftphoneItemIcon(a.string("key")));
        m.put("subscribe", a -> new Subscribe(a.string("channelName")));
        m.put("unsubscribe", a -> new Unsubscribe(a.string("channelName")));
        m.put("publish", a -> new Publish(a.string("channelName"), a.map("message")));
        m.put("hvs.onWorkStart", a -> new HvsOnWorkStart());
        m.put("hvs.completeWork", a -> {
            JsonObjectReader attributes = a.object("attributes");
            // wasConnected is required here although Salesforce defaults it to true: a bridge must not
            // report a missed call as connected by leaving it out.
            return new HvsCompleteWork(a.string("workId"), new WorkAttributes(attributes.string("disposition"),
                    attributes.string("taskId"), attributes.bool("wasConnected")));
        });
        return Collections.unmodifiableMap(m);
    }

    private static ScreenPop screenPop(JsonObjectReader args) {
        String type = args.string("type");
        JsonObjectReader p = args.object("params");
        return switch (type) {
            case "sobject" -> new ScreenPop.SObject(p.string("recordId"));
            case "url" -> new ScreenPop.Url(p.string("url"));
            case "objecthome" -> new ScreenPop.ObjectHome(p.string("scope"));
            case "list" -> new ScreenPop.ListView(p.string("listViewId"), p.string("scope"));
            case "search" -> new ScreenPop.Search(p.string("searchString"));
            case "newRecord" -> new ScreenPop.NewRecord(p.string("entityName"), p.optMap("defaultFieldValues"));
            case "flow" -> {
                List<FlowArg> flowArgs = new ArrayList<>();
                List<JsonObjectReader> elements = p.optObjects("flowArgs");
                for (JsonObjectReader e : elements == null ? List.<JsonObjectReader>of() : elements) {
                    String name = e.string("name");
                    String flowType = e.string("type");
                    Object value = e.any("value");
                    try {
                        flowArgs.add(new FlowArg(name, flowType, value));
                    } catch (InvalidInvocationException ex) {
                        // FlowArg cannot know its index; the decoder can.
                        String field = ex.argument().replace("params.flowArgs[]", e.path());
                        throw new OpenCtiMessageException(Code.INVALID_VALUE, field, ex.getMessage(), ex);
                    }
                }
                yield new ScreenPop.Flow(p.string("flowDevName"), flowArgs);
            }
            default -> throw new OpenCtiMessageException(Code.INVALID_VALUE, args.pathOf("type"),
                    "unknown screen pop type '" + type + "'");
        };
    }

    private static Map<String, Function<JsonObjectReader, OpenCtiEvent>> eventDecoders() {
        Map<String, Function<JsonObjectReader, OpenCtiEvent>> m = new LinkedHashMap<>();
        m.put("onClickToDial", p -> new OpenCtiEvent.ClickToDial(p.string("number"), p.optString("recordId"),
                p.optString("recordName"), p.optString("objectType"), p.optBool("personAccount", false),
                p.optString("accountId"), p.optString("contactId"), p.optString("params")));
        m.put("onNavigationChange", p -> new OpenCtiEvent.NavigationChange(p.string("url"), p.optString("recordId"),
                p.optString("recordName"), p.optString("objectType"), p.optBool("personAccount", false),
                p.optString("accountId"), p.optString("contactId")));
        m.put("hvs.onWorkStart", p -> new OpenCtiEvent.WorkStart(p.string("workId"), p.string("completeWorkWhen"),
                p.object("attributes").string("to")));
        m.put("subscribe", p -> new OpenCtiEvent.ChannelMessage(p.string("channelName"), p.map("message")));
        return Collections.unmodifiableMap(m);
    }
}
