package io.callbridge.adapter.salesforce.opencti;

import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException.Code;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Listener events: {@code {"event":"onClickToDial","payload":{…}}}, or the payload alone with the event's name beside
 * it, as the bridge protocol carries them. Stateless.
 */
final class EventCodec {

    private static final Map<String, Function<Fields, OpenCtiEvent>> DECODERS = eventDecoders();

    private EventCodec() {
    }

    static Set<String> names() {
        return DECODERS.keySet();
    }

    static String encode(OpenCtiEvent event) {
        return OpenCtiJson.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("event", event.event());
            g.writeName("payload");
            writePayload(g, event);
            g.writeEndObject();
        });
    }

    /** The event as a tree: exactly what {@link #encode} writes, read back. */
    static ObjectNode tree(OpenCtiEvent event) {
        return (ObjectNode) OpenCtiJson.parse(encode(event));
    }

    static OpenCtiEvent decode(JsonNode tree) {
        Fields root = Fields.root(tree);
        String event = root.string("event");
        Function<Fields, OpenCtiEvent> decoder = decoder(event);
        Fields payload = root.object("payload");
        return payload.build(() -> decoder.apply(payload));
    }

    static OpenCtiEvent decode(String name, String payloadJson) {
        Function<Fields, OpenCtiEvent> decoder = decoder(name);
        Fields payload = Fields.root(OpenCtiJson.parse(payloadJson));
        return payload.build(() -> decoder.apply(payload));
    }

    private static Function<Fields, OpenCtiEvent> decoder(String name) {
        Function<Fields, OpenCtiEvent> decoder = DECODERS.get(name);
        if (decoder == null) {
            throw new OpenCtiMessageException(Code.UNKNOWN_EVENT, "event", "unknown Open CTI listener event '" + name
                    + "'");
        }
        return decoder;
    }

    private static void writePayload(JsonGenerator g, OpenCtiEvent event) {
        g.writeStartObject();
        if (event instanceof OpenCtiEvent.ClickToDial c) {
            g.writeStringProperty("number", c.number());
            writeIfPresent(g, "recordId", c.recordId());
            writeIfPresent(g, "recordName", c.recordName());
            writeIfPresent(g, "objectType", c.objectType());
            writeIfPresent(g, "personAccount", c.personAccount());
            writeIfPresent(g, "accountId", c.accountId());
            writeIfPresent(g, "contactId", c.contactId());
            writeIfPresent(g, "params", c.params());
        } else if (event instanceof OpenCtiEvent.NavigationChange n) {
            g.writeStringProperty("url", n.url());
            writeIfPresent(g, "recordId", n.recordId());
            writeIfPresent(g, "recordName", n.recordName());
            writeIfPresent(g, "objectType", n.objectType());
            writeIfPresent(g, "personAccount", n.personAccount());
            writeIfPresent(g, "accountId", n.accountId());
            writeIfPresent(g, "contactId", n.contactId());
        } else if (event instanceof OpenCtiEvent.WorkStart w) {
            g.writeStringProperty("workId", w.workId());
            g.writeStringProperty("completeWorkWhen", w.completeWorkWhen());
            g.writeName("attributes");
            g.writeStartObject();
            g.writeStringProperty("to", w.to());
            g.writeEndObject();
        } else if (event instanceof OpenCtiEvent.ChannelMessage m) {
            g.writeStringProperty("channelName", m.channelName());
            g.writeName("message");
            OpenCtiJson.writeValue(g, m.message());
        } else {
            throw new IllegalStateException("unhandled event " + event.getClass());
        }
        g.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator g, String key, @Nullable Boolean value) {
        if (value != null) {
            g.writeBooleanProperty(key, value);
        }
    }

    private static void writeIfPresent(JsonGenerator g, String key, @Nullable String value) {
        if (value != null) {
            g.writeStringProperty(key, value);
        }
    }

    /** onNavigationChange's payload, which is also getAppViewInfo's return value. */
    static OpenCtiEvent.NavigationChange navigation(Fields p) {
        return new OpenCtiEvent.NavigationChange(p.string("url"), p.optText("recordId"), p.optText("recordName"),
                p.optText("objectType"), p.optBoolean("personAccount"), p.optText("accountId"), p.optText("contactId"));
    }

    private static Map<String, Function<Fields, OpenCtiEvent>> eventDecoders() {
        Map<String, Function<Fields, OpenCtiEvent>> m = new LinkedHashMap<>();
        // Salesforce leaves a record's fields empty ("") where there is no record, and sends personAccount only in
        // orgs with person accounts; its guide types the clicked number as a number, Lightning sends the text.
        m.put("onClickToDial", p -> new OpenCtiEvent.ClickToDial(p.stringOrWholeNumber("number"),
                p.optText("recordId"), p.optText("recordName"), p.optText("objectType"), p.optBoolean("personAccount"),
                p.optText("accountId"), p.optText("contactId"), p.optString("params")));
        m.put("onNavigationChange", EventCodec::navigation);
        m.put("hvs.onWorkStart", p -> new OpenCtiEvent.WorkStart(p.string("workId"), p.string("completeWorkWhen"),
                p.object("attributes").string("to")));
        m.put("subscribe", p -> new OpenCtiEvent.ChannelMessage(p.string("channelName"), p.map("message")));
        return Collections.unmodifiableMap(m);
    }
}
