package io.callbridge.core;

import io.callbridge.core.model.EndStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tunables of core, with defaults that suit one agent on one phone line.
 *
 * @param defaultRegion region for phone numbers written without a country code (ISO 3166 alpha-2)
 * @param workMatchWindow how far apart a work item and its dial may arrive and still be matched
 * @param workTtl how long an offered work item waits for its call before it expires
 * @param callRetention how long a wrapped-up call is kept before it is forgotten
 * @param eventsKeptPerAgent how many recent events per agent a new subscription can be replayed: it needs only those
 *     published between the snapshot it started from and subscribing; an older resume point gets
 *     {@code onGap} and re-reads the state. Each kept event holds the call version it describes, so this bounds
 *     memory per agent (and what every young GC copies) whatever the call volume
 * @param casRetries how often a write that lost a race is retried before the command fails with CONFLICT
 * @param maxNotesLength longest notes accepted at wrap-up (adapters cut further to each CRM's limit)
 * @param autoWrapUp end statuses after which a call is wrapped up at once with an empty outcome, because there is
 *     nothing for the agent to record: by default an inbound call that was MISSED (the agent may not even have been
 *     there) or REJECTED (they declined it). Without this, such calls would hold the agent in wrap-up (and keep them
 *     from logging out) and hold back the CRM's call log until someone clicked through them.
 * @param concurrentCalls whether an agent may dial while they have a live call (ringing, connected, held). Off by
 *     default: one call at a time, so a second click-to-dial from any CRM, or a retried dial after a lost ack, is
 *     refused with {@code AGENT_BUSY} instead of placing a second, simultaneous call. A call in wrap-up does not count
 * @param wrapUpTimeout how long a call may wait in wrap-up for the agent before core wraps it up itself, with an empty
 *     outcome, and tells the agent; null (the default): it waits for the agent however long that takes. A call left in
 *     wrap-up holds back its CRM log, which matters most when the agent closed the CRM after hanging up: a server-side
 *     executor (the REST fallback modules) can log only a wrapped-up call, so set this when one is installed
 */
public record CoreSettings(String defaultRegion, Duration workMatchWindow, Duration workTtl, Duration callRetention,
        int eventsKeptPerAgent, int casRetries, int maxNotesLength, Set<EndStatus> autoWrapUp,
        boolean concurrentCalls, @Nullable Duration wrapUpTimeout) {

    public static final CoreSettings DEFAULTS = new CoreSettings("US", Duration.ofMinutes(2), Duration.ofMinutes(30),
            Duration.ofHours(1), 16, 64, 100_000, EnumSet.of(EndStatus.MISSED, EndStatus.REJECTED), false, null);

    /** Settings as before {@code concurrentCalls} existed: one call at a time. */
    public CoreSettings(String defaultRegion, Duration workMatchWindow, Duration workTtl, Duration callRetention,
            int eventsKeptPerAgent, int casRetries, int maxNotesLength, Set<EndStatus> autoWrapUp) {
        this(defaultRegion, workMatchWindow, workTtl, callRetention, eventsKeptPerAgent, casRetries, maxNotesLength,
                autoWrapUp, false, null);
    }

    /** Settings as before {@code wrapUpTimeout} existed: calls wait in wrap-up for the agent. */
    public CoreSettings(String defaultRegion, Duration workMatchWindow, Duration workTtl, Duration callRetention,
            int eventsKeptPerAgent, int casRetries, int maxNotesLength, Set<EndStatus> autoWrapUp,
            boolean concurrentCalls) {
        this(defaultRegion, workMatchWindow, workTtl, callRetention, eventsKeptPerAgent, casRetries, maxNotesLength,
                autoWrapUp, concurrentCalls, null);
    }

    public CoreSettings {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        positive("workMatchWindow", workMatchWindow);
        positive("workTtl", workTtl);
        positive("callRetention", callRetention);
        atLeastOne("eventsKeptPerAgent", eventsKeptPerAgent);
        atLeastOne("casRetries", casRetries);
        atLeastOne("maxNotesLength", maxNotesLength);
        autoWrapUp = Set.copyOf(Objects.requireNonNull(autoWrapUp, "autoWrapUp"));
        if (wrapUpTimeout != null) {
            positive("wrapUpTimeout", wrapUpTimeout);
        }
    }

    public CoreSettings withDefaultRegion(String region) {
        return new CoreSettings(region, workMatchWindow, workTtl, callRetention, eventsKeptPerAgent, casRetries,
                maxNotesLength, autoWrapUp, concurrentCalls, wrapUpTimeout);
    }

    public CoreSettings withWorkMatchWindow(Duration window) {
        return new CoreSettings(defaultRegion, window, workTtl, callRetention, eventsKeptPerAgent, casRetries,
                maxNotesLength, autoWrapUp, concurrentCalls, wrapUpTimeout);
    }

    public CoreSettings withWorkTtl(Duration ttl) {
        return new CoreSettings(defaultRegion, workMatchWindow, ttl, callRetention, eventsKeptPerAgent, casRetries,
                maxNotesLength, autoWrapUp, concurrentCalls, wrapUpTimeout);
    }

    public CoreSettings withCallRetention(Duration retention) {
        return new CoreSettings(defaultRegion, workMatchWindow, workTtl, retention, eventsKeptPerAgent, casRetries,
                maxNotesLength, autoWrapUp, concurrentCalls, wrapUpTimeout);
    }

    public CoreSettings withCasRetries(int retries) {
        return new CoreSettings(defaultRegion, workMatchWindow, workTtl, callRetention, eventsKeptPerAgent, retries,
                maxNotesLength, autoWrapUp, concurrentCalls, wrapUpTimeout);
    }

    public CoreSettings withMaxNotesLength(int length) {
        return new CoreSettings(defaultRegion, workMatchWindow, workTtl, callRetention, eventsKeptPerAgent, casRetries,
                length, autoWrapUp, concurrentCalls, wrapUpTimeout);
    }

    public CoreSettings withEventsKeptPerAgent(int events) {
        return new CoreSettings(defaultRegion, workMatchWindow, workTtl, callRetention, events, casRetries,
                maxNotesLength, autoWrapUp, concurrentCalls, wrapUpTimeout);
    }

    public CoreSettings withAutoWrapUp(Set<EndStatus> statuses) {
        return new CoreSettings(defaultRegion, workMatchWindow, workTtl, callRetention, eventsKeptPerAgent, casRetries,
                maxNotesLength, statuses, concurrentCalls, wrapUpTimeout);
    }

    public CoreSettings withConcurrentCalls(boolean allowed) {
        return new CoreSettings(defaultRegion, workMatchWindow, workTtl, callRetention, eventsKeptPerAgent, casRetries,
                maxNotesLength, autoWrapUp, allowed, wrapUpTimeout);
    }

    /** @param timeout how long a call may wait in wrap-up before core wraps it up; null: for the agent, however long */
    public CoreSettings withWrapUpTimeout(@Nullable Duration timeout) {
        return new CoreSettings(defaultRegion, workMatchWindow, workTtl, callRetention, eventsKeptPerAgent, casRetries,
                maxNotesLength, autoWrapUp, concurrentCalls, timeout);
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
