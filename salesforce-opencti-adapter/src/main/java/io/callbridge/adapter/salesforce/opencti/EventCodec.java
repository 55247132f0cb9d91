package io.callbridge.adapter.salesforce.opencti;

import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException.Code;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Listener events: {@code {"event":"onClickToDial","payload":{…}}}, or the payload alone with the event's name beside
 * it, as the bridge protocol carries them. Stateless.
 */
final class EventCodec {

    private static final Map<String, Function<JsonObjectReader, OpenCtiEvent>> DECODERS = eventDecoders();

    private EventCodec() {
    }

    static java.util.Set<String> names() {
        return DECODERS.keySet();
    }

    static String encode(OpenCtiEvent event) {
        return OpenCtiJson.MAPPER.writeValueAsString(tree(event));
    }

    static ObjectNode tree(OpenCtiEvent event) {
        ObjectNode root = OpenCtiJson.NODES.objectNode();
        root.put("event", event.event());
        root.set("payload", payload(event));
        return root;
    }

    static OpenCtiEvent decode(JsonNode tree) {
        JsonObjectReader root = JsonObjectReader.root(tree);
        String event = root.string("event");
        Function<JsonObjectReader, OpenCtiEvent> decoder = decoder(event);
        JsonObjectReader payload = root.object("payload");
        return OpenCtiJson.validated(payload, () -> decoder.apply(payload));
    }

    static OpenCtiEvent decode(String name, String payloadJson) {
        Function<JsonObjectReader, OpenCtiEvent> decoder = decoder(name);
        JsonObjectReader payload = JsonObjectReader.root(OpenCtiJson.parse(payloadJson));
        return OpenCtiJson.validated(payload, () -> decoder.apply(payload));
    }

    private static Function<JsonObjectReader, OpenCtiEvent> decoder(String name) {
        Function<JsonObjectReader, OpenCtiEvent> decoder = DECODERS.get(name);
        if (decoder == null) {
            throw new OpenCtiMessageException(Code.UNKNOWN_EVENT, "event", "unknown Open CTI listener event '" + name
                    + "'");
        }
        return decoder;
    }

    private static ObjectNode payload(OpenCtiEvent event) {
        ObjectNode payload = OpenCtiJson.NODES.objectNode();
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
            payload.set("message", OpenCtiJson.toNode(m.message()));
        } else {
            throw new IllegalStateException("unhandled event " + event.getClass());
        }
        return payload;
    }

    private static void putIfPresent(ObjectNode node, String key, @Nullable Object value) {
        if (value != null) {
            node.set(key, OpenCtiJson.toNode(value));
        }
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
