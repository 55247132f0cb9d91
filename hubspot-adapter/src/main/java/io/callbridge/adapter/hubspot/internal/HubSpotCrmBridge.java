package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.HubSpotSettings;
import io.callbridge.core.CallEngine;
import io.callbridge.core.Service;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.phone.PhoneNumberParser;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * HubSpot as a CRM the transport can host: one {@link HubSpotAgentBridge} per agent with HubSpot frames open. Public
 * only so the adapter's Guice module can bind it; not API. Also a {@link Service}, so the launcher stops its threads.
 */
public final class HubSpotCrmBridge implements CrmBridge, Service {
    static final Set<String> ROLES = Set.of("widget", "remote", "window");

    private final CallEngine engine;
    private final PhoneNumberParser parser;
    private final Clock clock;
    private final HubSpotSettings settings;
    private final Executor workers;
    private final Timers timers;
    private final @Nullable ExecutorService ownedWorkers;
    private final @Nullable ScheduledExecutorService ownedScheduler;

    @Inject
    public HubSpotCrmBridge(CallEngine engine, PhoneNumberParser parser, Clock clock, HubSpotSettings settings) {
        // Threads are created on first use, so building the injector starts nothing.
        this(engine, parser, clock, settings, Executors.newCachedThreadPool(daemons("hubspot-bridge")),
                Executors.newSingleThreadScheduledExecutor(daemons("hubspot-timer")));
    }

    private HubSpotCrmBridge(CallEngine engine, PhoneNumberParser parser, Clock clock, HubSpotSettings settings,
            ExecutorService workers, ScheduledExecutorService scheduler) {
        this.engine = engine;
        this.parser = parser;
        this.clock = clock;
        this.settings = settings;
        this.workers = workers;
        this.timers = new ScheduledTimers(scheduler);
        this.ownedWorkers = workers;
        this.ownedScheduler = scheduler;
    }

    /** For tests: the caller drives the threads and the time. */
    HubSpotCrmBridge(CallEngine engine, PhoneNumberParser parser, Clock clock, HubSpotSettings settings,
            Executor workers, Timers timers) {
        this.engine = engine;
        this.parser = parser;
        this.clock = clock;
        this.settings = settings;
        this.workers = workers;
        this.timers = timers;
        this.ownedWorkers = null;
        this.ownedScheduler = null;
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
        return HubSpotAgentBridge.attach(agent, channel, engine, parser, clock, settings,
                new SerialExecutor(workers), timers);
    }

    @Override
    public void start() {
        // Nothing to start: threads appear when the first agent attaches.
    }

    @Override
    public void stop() {
        if (ownedWorkers != null) {
            ownedWorkers.shutdown();
        }
        if (ownedScheduler != null) {
            ownedScheduler.shutdownNow();
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
