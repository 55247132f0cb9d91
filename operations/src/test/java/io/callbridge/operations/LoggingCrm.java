package io.callbridge.operations;

import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.bridge.Delivery;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.bridge.RetryPolicy;
import io.callbridge.core.bridge.SerialQueue;
import io.callbridge.core.bridge.SideEffect;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.spi.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.MDC;

/**
 * A CRM adapter with one kind of side effect, as the real ones have: a bridge's {@code log} event (data: the key) owes
 * a {@code saveLog} through core's {@link Delivery}; a {@code crm_error} result gives it up for good. Records the MDC
 * it saw while handling each event.
 */
final class LoggingCrm implements CrmBridge {
    static final String CRM = "testcrm";

    final List<Map<String, String>> eventMdc = new CopyOnWriteArrayList<>();
    final List<String> settled = new CopyOnWriteArrayList<>();
    volatile BridgeScheduler scheduler;
    volatile DeliveryStore store;

    @Override
    public String crm() {
        return CRM;
    }

    @Override
    public Set<String> frameRoles() {
        return Set.of("widget");
    }

    @Override
    public AgentBridge attach(AgentId agent, BridgeChannel channel) {
        SerialQueue serial = new SerialQueue(scheduler);
        Delivery delivery = new Delivery(CRM, agent, channel, serial, scheduler, store, Clock.systemUTC(),
                new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(100), 2), Duration.ofSeconds(10));
        return new AgentBridge() {
            @Override
            public void frameJoined(FrameInfo frame) {
                serial.execute(delivery::frameAvailable);
            }

            @Override
            public void frameLeft(FrameInfo frame) {
            }

            @Override
            public void crmEvent(FrameInfo frame, String name, String payloadJson) {
                Map<String, String> mdc = MDC.getCopyOfContextMap();
                eventMdc.add(mdc == null ? Map.of() : mdc);
                String key = TestBridge.JSON.readTree(payloadJson).asString();
                serial.execute(() -> delivery.owe(new SideEffect() {
                    @Override
                    public String key() {
                        return key;
                    }

                    @Override
                    public String method() {
                        return "saveLog";
                    }

                    @Override
                    public String argsJson() {
                        return "{}";
                    }

                    @Override
                    public Verdict judge(InvocationResult result) {
                        return result instanceof InvocationResult.Success ? Verdict.done()
                                : new Verdict.GiveUp("the CRM refused it");
                    }

                    @Override
                    public void succeeded(InvocationResult.Success result) {
                        settled.add(key + " ok");
                    }

                    @Override
                    public void gaveUp(String reason) {
                        settled.add(key + " failed");
                    }
                }));
            }

            @Override
            public void close() {
                serial.execute(delivery::close);
            }
        };
    }
}
