package io.callbridge.transport.websocket;

import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeInputException;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.model.AgentId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CRM adapter that records what the transport tells it. Event {@code bad} is refused naming {@code data.x};
 * events named {@code boom…} fail unexpectedly, with the event's data in the exception's message as careless code
 * does; event {@code notify} {@code {"code": c, "message": m}} tells the agent, as adapters do with the CRM's
 * {@code *_FAILED} events. Also checks that calls into one agent's handler never overlap.
 */
final class FakeCrmBridge implements CrmBridge {
    static final String CRM = "fakecrm";

    final Map<AgentId, BridgeChannel> channels = new ConcurrentHashMap<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    final AtomicInteger overlaps = new AtomicInteger();
    /** Set once the application is up, for {@code notify}. */
    volatile io.callbridge.core.CallEngine engine;
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    @Override
    public String crm() {
        return CRM;
    }

    @Override
    public Set<String> frameRoles() {
        return Set.of("widget", "tab");
    }

    @Override
    public AgentBridge attach(AgentId agent, BridgeChannel channel) {
        channels.put(agent, channel);
        log.add("attach " + agent);
        return new AgentBridge() {
            private final AtomicInteger inside = new AtomicInteger();

            private void enter() {
                if (inside.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
            }

            @Override
            public void frameJoined(FrameInfo frame) {
                enter();
                log.add("joined " + agent + " " + frame.role());
                inside.decrementAndGet();
            }

            @Override
            public void frameLeft(FrameInfo frame) {
                enter();
                log.add("left " + agent + " " + frame.role());
                inside.decrementAndGet();
            }

            @Override
            public void crmEvent(FrameInfo frame, String name, String payloadJson) {
                enter();
                try {
                    if (name.equals("bad")) {
                        throw new BridgeInputException(BridgeInputException.Kind.MISSING_FIELD, "data.x", "x is missing");
                    }
                    if (name.equals("notify")) {
                        tools.jackson.databind.JsonNode data = JSON.readTree(payloadJson);
                        engine.execute(new io.callbridge.core.command.NotifyAgent(agent, data.get("code").asString(),
                                data.get("message").asString(), null));
                        return;
                    }
                    if (name.equals("store-down")) {
                        // What an adapter's read of core meets while Redis is unreachable.
                        throw new io.callbridge.core.spi.StoreUnavailableException("calls store: connection refused");
                    }
                    if (name.startsWith("boom")) {
                        throw new IllegalStateException("adapter bug on " + payloadJson);
                    }
                    log.add("event " + agent + " " + name + " " + payloadJson);
                } finally {
                    inside.decrementAndGet();
                }
            }

            @Override
            public void close() {
                log.add("close " + agent);
                channels.remove(agent, channel);
            }
        };
    }
}
