package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.CallEngine;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.bridge.Delivery;
import io.callbridge.core.bridge.SerialQueue;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.DeliveryStore;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Set;

/**
 * HubSpot as a CRM the transport can host: one {@link HubSpotAgentBridge} per agent with HubSpot frames open, each
 * running on its own {@link SerialQueue} over core's {@link BridgeScheduler}, with its own {@link Delivery} over the
 * shared {@link DeliveryStore}. Public only so the adapter's Guice module can bind it; not API.
 */
public final class HubSpotCrmBridge implements CrmBridge {
    static final Set<String> ROLES = Set.of("widget", "remote", "window");

    private final CallEngine engine;
    private final PhoneNumberParser parser;
    private final Clock clock;
    private final HubSpotSettings settings;
    private final BridgeScheduler scheduler;
    private final DeliveryStore store;

    /** With core's bindings: its clock, scheduler and {@link DeliveryStore} (in memory unless a cluster module's). */
    @Inject
    public HubSpotCrmBridge(CallEngine engine, PhoneNumberParser parser, Clock clock, HubSpotSettings settings,
            BridgeScheduler scheduler, DeliveryStore store) {
        this.engine = engine;
        this.parser = parser;
        this.clock = clock;
        this.settings = settings;
        this.scheduler = scheduler;
        this.store = store;
    }

    /** For code made without an injector (tests, benchmarks): owed messages kept in a store of its own, in memory. */
    public HubSpotCrmBridge(CallEngine engine, PhoneNumberParser parser, Clock clock, HubSpotSettings settings,
            BridgeScheduler scheduler) {
        this(engine, parser, clock, settings, scheduler, DeliveryStore.inMemory());
    }

    @Override
    public String crm() {
        return HubSpotCallMessages.CRM;
    }

    @Override
    public Set<String> frameRoles() {
        return ROLES;
    }

    @Override
    public AgentBridge attach(AgentId agent, BridgeChannel channel) {
        return HubSpotAgentBridge.attach(agent, channel, engine, parser, clock, settings, store,
                new SerialQueue(scheduler), scheduler);
    }
}
