package io.callbridge.transport.websocket.internal.protocol;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes protocol v1 frames. Decoding is strict about the members it knows (type, presence, range) and
 * ignores members it does not, so a newer bridge can add optional members without breaking an older server.
 * Thread-safe.
 */
public final class FrameCodec {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonMapper mapper;

    public FrameCodec() {
        // Bounds the parser's work on hostile input beyond the frame size limit: deep nesting, huge numbers.
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxNumberLength(64)
                .maxStringLength(1024 * 1024)
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Parses JSON text (e.g. an adapter's argsJson) into a tree. */
    public JsonNode parse(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new InvalidFrameException(WireError.MALFORMED_JSON, null, "no JSON value");
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidFrameException(WireError.MALFORMED_JSON, null, "not valid JSON: " + summary(e));
        }
    }

    public String write(JsonNode node) {
        return mapper.writeValueAsString(node);
    }

    /**
     * Appends what {@code body} writes with a generator of this codec's mapper to {@code into}: the same text
     * {@link #write} gives for the tree of the same members in the same order, without building the tree or a
     * {@code String}.
     */
    public StringBuilder write(java.util.function.Consumer<JsonGenerator> body, StringBuilder into) {
        try (JsonGenerator g = mapper.createGenerator(new BuilderWriter(into))) {
            body.accept(g);
        }
        return into;
    }

    /** A writer that appends to a builder, so the text is copied once (into the builder) rather than three times. */
    private static final class BuilderWriter extends java.io.Writer {
        private final StringBuilder into;

        BuilderWriter(StringBuilder into) {
            this.into = into;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            into.append(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            into.append(text, offset, offset + length);
        }

        @Override
        public void write(int c) {
            into.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    public BridgeFrame decode(String text) {
        return decode(parse(text));
    }

    public BridgeFrame decode(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidFrameException(WireError.MALFORMED_JSON, null, "a frame must be a JSON object");
        }
        String type = string(node, "type");
        switch (type) {
            case "hello":
                return new BridgeFrame.Hello(integer(node, "v"), string(node, "token"), string(node, "crm"),
                        string(node, "role"), optionalLong(node, "resumeAfter"), stringMap(node, "attributes"));
            case "crmEvent":
                return new BridgeFrame.CrmEvent(string(node, "name"), value(node, "data"),
                        optionalString(node, "id"));
            case "result": {
                boolean ok = bool(node, "ok");
                JsonNode value = node.get("value");
                if (ok && value == null) {
                    value = NullNode.instance;
                }
                return new BridgeFrame.Result(string(node, "id"), ok, value, optionalFault(node, "error"));
            }
            case "uiAction":
                return new BridgeFrame.UiAction(string(node, "id"), string(node, "action"), optionalObject(node, "args"));
            case "ping":
                return new BridgeFrame.Ping(optionalString(node, "nonce"));
            case "pong":
                return new BridgeFrame.Pong(optionalString(node, "nonce"));
            case "welcome":
                return new BridgeFrame.Welcome(string(node, "sessionId"), longValue(node, "seq"), bool(node, "resumed"));
            case "invoke":
                return new BridgeFrame.Invoke(string(node, "id"), string(node, "method"), value(node, "args"));
            case "ui":
                return new BridgeFrame.Ui(longValue(node, "seq"), value(node, "state"));
            case "ack":
                return new BridgeFrame.Ack(string(node, "id"), bool(node, "ok"), string(node, "result"),
                        optionalString(node, "callId"), optionalFault(node, "error"));
            case "error":
                return new BridgeFrame.ErrorFrame(string(node, "code"), string(node, "message"),
                        optionalString(node, "field"), optionalString(node, "ref"));
            default:
                throw new InvalidFrameException(WireError.UNKNOWN_TYPE, "type", "unknown frame type");
        }
    }

    public String encode(BridgeFrame frame) {
        return write(toTree(frame));
    }

    /**
     * An {@code invoke} frame around arguments that are already JSON text (an adapter's {@code argsJson}, written with
     * Jackson): the same text as {@code encode(new Invoke(id, method, parse(argsJson)))} for compact input, without
     * building and writing a tree again. The id and method are checked as {@link BridgeFrame.Invoke} checks them; the
     * arguments are written as they are, so they must be one JSON value, as {@code BridgeChannel} requires of adapters.
     */
    public String encodeInvoke(String id, String method, String argsJson) {
        Checks.id("id", id);
        Checks.text("method", method, 100);
        if (argsJson.isBlank()) {
            throw new InvalidFrameException(WireError.INVALID_VALUE, "args", "args must be a JSON value");
        }
        StringWriter out = new StringWriter(48 + id.length() + method.length() + argsJson.length());
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("type", "invoke");
            g.writeStringProperty("id", id);
            g.writeStringProperty("method", method);
            g.writeName("args");
            g.writeRawValue(argsJson);
            g.writeEndObject();
        }
        return out.toString();
    }

    /**
     * A {@code ui} frame around a state already written with {@link #write}: the same text as {@code encode(new Ui(seq,
     * state))}, but the costly part (the state) can be written before the sequence number is known, outside the
     * stream's lock.
     */
    public String encodeUi(long seq, String writtenState) {
        Checks.nonNegative("seq", seq);
        return "{\"type\":\"ui\",\"seq\":" + seq + ",\"state\":" + writtenState + "}";
    }

    /**
     * The same text as {@link #encodeUi(long, String)}, made in {@code writtenState} itself (the envelope goes around
     * the state in place, so the state is not copied into a string of its own first). The builder holds the frame
     * afterwards; {@link #uiStateStart} tells where its state starts.
     */
    public String encodeUi(long seq, StringBuilder writtenState) {
        Checks.nonNegative("seq", seq);
        writtenState.insert(0, uiPrefix(seq)).append('}');
        return writtenState.toString();
    }

    /** Where the state starts in the {@code ui} frame of {@code seq}. */
    public static int uiStateStart(long seq) {
        return uiPrefix(seq).length();
    }

    private static String uiPrefix(long seq) {
        return "{\"type\":\"ui\",\"seq\":" + seq + ",\"state\":";
    }

    public ObjectNode toTree(BridgeFrame frame) {
        ObjectNode o = NODES.objectNode();
        o.put("type", frame.type());
        if (frame instanceof BridgeFrame.Hello) {
            BridgeFrame.Hello h = (BridgeFrame.Hello) frame;
            o.put("v", h.v());
            o.put("token", h.token());
            o.put("crm", h.crm());
            o.put("role", h.role());
            if (h.resumeAfter() != null) {
                o.put("resumeAfter", h.resumeAfter());
            }
            if (!h.attributes().isEmpty()) {
                ObjectNode attrs = o.putObject("attributes");
                new java.util.TreeMap<>(h.attributes()).forEach(attrs::put);
            }
        } else if (frame instanceof BridgeFrame.CrmEvent) {
            BridgeFrame.CrmEvent e = (BridgeFrame.CrmEvent) frame;
            o.put("name", e.name());
            o.set("data", e.data());
            if (e.id() != null) {
                o.put("id", e.id());
            }
        } else if (frame instanceof BridgeFrame.Result) {
            BridgeFrame.Result r = (BridgeFrame.Result) frame;
            o.put("id", r.id());
            o.put("ok", r.ok());
            if (r.ok()) {
                o.set("value", r.value() == null ? NullNode.instance : r.value());
            }
            putFault(o, r.error());
        } else if (frame instanceof BridgeFrame.UiAction) {
            BridgeFrame.UiAction a = (BridgeFrame.UiAction) frame;
            o.put("id", a.id());
            o.put("action", a.action());
            o.set("args", a.args());
        } else if (frame instanceof BridgeFrame.Ping) {
            putOptional(o, "nonce", ((BridgeFrame.Ping) frame).nonce());
        } else if (frame instanceof BridgeFrame.Pong) {
            putOptional(o, "nonce", ((BridgeFrame.Pong) frame).nonce());
        } else if (frame instanceof BridgeFrame.Welcome) {
            BridgeFrame.Welcome w = (BridgeFrame.Welcome) frame;
            o.put("sessionId", w.sessionId());
            o.put("seq", w.seq());
            o.put("resumed", w.resumed());
        } else if (frame instanceof BridgeFrame.Invoke) {
            BridgeFrame.Invoke i = (BridgeFrame.Invoke) frame;
            o.put("id", i.id());
            o.put("method", i.method());
            o.set("args", i.args());
        } else if (frame instanceof BridgeFrame.Ui) {
            BridgeFrame.Ui u = (BridgeFrame.Ui) frame;
            o.put("seq", u.seq());
            o.set("state", u.state());
        } else if (frame instanceof BridgeFrame.Ack) {
            BridgeFrame.Ack a = (BridgeFrame.Ack) frame;
            o.put("id", a.id());
            o.put("ok", a.ok());
            o.put("result", a.result());
            putOptional(o, "callId", a.callId());
            putFault(o, a.error());
        } else if (frame instanceof BridgeFrame.ErrorFrame) {
            BridgeFrame.ErrorFrame e = (BridgeFrame.ErrorFrame) frame;
            o.put("code", e.code());
            o.put("message", e.message());
            putOptional(o, "field", e.field());
            putOptional(o, "ref", e.ref());
        } else {
            throw new IllegalStateException("no encoding for " + frame.getClass().getName());
        }
        return o;
    }

    /** The {@code id} or {@code type} of a frame that failed to decode, to reference it in the error; best effort. */
    public static @Nullable String referenceOf(@Nullable JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode id = node.get("id");
        if (id != null && id.isString() && id.stringValue().length() <= 200) {
            return id.stringValue();
        }
        JsonNode type = node.get("type");
        return type != null && type.isString() && type.stringValue().length() <= 64 ? type.stringValue() : null;
    }

    private static void putFault(ObjectNode o, @Nullable Fault fault) {
        if (fault == null) {
            return;
        }
        ObjectNode e = o.putObject("error");
        e.put("code", fault.code());
        e.put("message", fault.message());
        putOptional(e, "field", fault.field());
        if (fault.details() != null) {
            e.set("details", fault.details());
        }
    }

    private static void putOptional(ObjectNode o, String name, @Nullable String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidFrameException(WireError.MISSING_FIELD, field, field + " is missing");
        }
        return value;
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isString()) {
            throw wrongType(field, "a string");
        }
        return value.stringValue();
    }

    private static @Nullable String optionalString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw wrongType(field, "a string");
        }
        return value.stringValue();
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return value.booleanValue();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "an integer");
        }
        return value.intValue();
    }

    private static long longValue(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(field, "an integer");
        }
        return value.longValue();
    }

    private static @Nullable Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return longValue(node, field);
    }

    /** Any JSON value, including null (which must be written out). */
    private static JsonNode value(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new InvalidFrameException(WireError.MISSING_FIELD, field, field + " is missing");
        }
        return value;
    }

    private static ObjectNode optionalObject(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return NODES.objectNode();
        }
        if (!value.isObject()) {
            throw wrongType(field, "an object");
        }
        return (ObjectNode) value;
    }

    private static Map<String, String> stringMap(JsonNode node, String field) {
        ObjectNode object = optionalObject(node, field);
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (!e.getValue().isString()) {
                throw wrongType(field + "." + e.getKey(), "a string");
            }
            map.put(e.getKey(), e.getValue().stringValue());
        }
        return map;
    }

    private static @Nullable Fault optionalFault(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(field, "an object");
        }
        return new Fault(string(value, "code", field), string(value, "message", field),
                optionalString(value, "field"), value.get("details"));
    }

    private static String string(JsonNode node, String name, String parent) {
        try {
            return string(node, name);
        } catch (InvalidFrameException e) {
            throw new InvalidFrameException(e.code(), parent + "." + name, parent + "." + e.getMessage());
        }
    }

    private static InvalidFrameException wrongType(String field, String expected) {
        return new InvalidFrameException(WireError.WRONG_TYPE, field, field + " must be " + expected);
    }

    private static String summary(JacksonException e) {
        // The original message quotes the input; keep only Jackson's first line, cut short.
        String message = e.getOriginalMessage();
        if (message == null) {
            return "parse error";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.length() > 160 ? first.substring(0, 160) + "…" : first;
    }
}
