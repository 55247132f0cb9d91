package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.core.CallEngine;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.DeliveryStore;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * Salesforce as a CRM the transport can host: bridges name it {@code salesforce}; every frame is a Lightning tab's
 * (or pop-out's) softphone iframe, role {@code tab}. The side effects the agents' calls owe Salesforce are kept in
 * core's {@link DeliveryStore} while under way, so that two agent bridges of one agent (a re-attach, another node)
 * never run the same one at once.
 */
public final class SalesforceCrmBridge implements CrmBridge {
    public static final String CRM = "salesforce";
    public static final String ROLE_TAB = "tab";

    private final CallEngine engine;
    private final PhoneNumberParser numbers;
    private final SalesforceSettings settings;
    private final BridgeScheduler scheduler;
    private final DeliveryStore deliveries;
    private final Clock clock;
    private final OpenCtiCodec codec = new OpenCtiCodec();

    /** As {@code CoreModule} binds it: the store and the clock are core's (in-memory and UTC by default). */
    @Inject
    public SalesforceCrmBridge(CallEngine engine, PhoneNumberParser numbers, SalesforceSettings settings,
            BridgeScheduler scheduler, DeliveryStore deliveries, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * For code made without an injector (benchmarks, tools): owed side effects in this instance's own memory
     * ({@link DeliveryStore#inMemory()}), claims timed by the system clock.
     */
    public SalesforceCrmBridge(CallEngine engine, PhoneNumberParser numbers, SalesforceSettings settings,
            BridgeScheduler scheduler) {
        this(engine, numbers, settings, scheduler, DeliveryStore.inMemory(), Clock.systemUTC());
    }

    @Override
    public String crm() {
        return CRM;
    }

    @Override
    public Set<String> frameRoles() {
        return Set.of(ROLE_TAB);
    }

    @Override
    public AgentBridge attach(AgentId agent, BridgeChannel channel) {
        SalesforceAgentBridge bridge = new SalesforceAgentBridge(agent, channel, engine, numbers, settings, scheduler,
                codec, deliveries, clock);
        bridge.start();
        return bridge;
    }
}
