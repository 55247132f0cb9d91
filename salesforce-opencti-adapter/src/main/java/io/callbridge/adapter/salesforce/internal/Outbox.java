package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.SalesforceCallLog;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemState;
import io.callbridge.core.spi.DeliveryStore;
import io.callbridge.core.spi.DeliveryStore.OwedDelivery;
import io.callbridge.core.spi.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox of what the agent's calls will owe Salesforce: while a frame is there to learn of a call, its
 * {@code saveLog} (and, for Sales Engagement work matched to it, its {@code hvs.completeWork}) is parked in the
 * {@link DeliveryStore} under the key the frame's delivery will claim, so that a server-side executor can still run it
 * when no tab ever comes back. The frame's delivery finishes the entry when it runs it; an entry that nobody will run
 * (a Task given up before any attempt, work that failed or expired) is taken back here.
 *
 * <p>Each key is parked once per bridge; a store that cannot be reached is tried again at the call's next
 * reconciliation and never fails the flow. Threads: confined to the agent bridge's serial queue.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** Claim of an entry taken back: held for the moment between claiming and finishing it. */
    private static final Duration TAKE_BACK_LEASE = Duration.ofSeconds(5);

    private final AgentCore core;
    private final DeliveryStore store;
    private final Clock clock;
    private final String claimant;
    /** Keys this bridge parked and that are not settled yet. */
    private final Set<String> parked = new HashSet<>();

    Outbox(AgentCore core, DeliveryStore store, Clock clock) {
        this.core = core;
        this.store = store;
        this.clock = clock;
        this.claimant = RecordLinks.CRM + ":outbox:" + core.agent();
    }

    /**
     * Parks or takes back what the call (in the adapter's scope) will owe: its Task until it is saved or given up,
     * and the completion of its work item while that is matched or logged.
     */
    void reconcile(Call call, @Nullable WorkItem work) {
        String saveLog = SalesforceCallLog.saveLogKey(call.id());
        if (!SalesforceCallLog.settled(call)) {
            park(saveLog, SalesforceCallLog.SAVE_LOG);
        } else {
            takeBack(saveLog);
        }
        if (work != null && SalesforceCallScript.hasWork(call) && work.id().equals(call.workItem())
                && call.id().equals(work.call()) && SalesforceCallScript.isOurs(work)) {
            String complete = SalesforceCallLog.completeWorkKey(work.id());
            if (work.state() == WorkItemState.MATCHED || work.state() == WorkItemState.LOGGED) {
                park(complete, SalesforceCallLog.COMPLETE_WORK_METHOD);
            } else {
                takeBack(complete);
            }
        }
    }

    private void park(String key, String method) {
        if (parked.contains(key)) {
            return;
        }
        try {
            store.park(OwedDelivery.of(key, core.agent(), RecordLinks.CRM, method, "{}"));
            parked.add(key);
        } catch (StoreUnavailableException e) {
            LOG.info("{}: could not record {} as owed ({}); tried again later", core.agent(), key, e.getMessage());
        }
    }

    /**
     * Removes the entry this bridge parked for something settled without it, unless someone holds it (the frame's
     * delivery or a server-side executor, which finish it themselves). An entry already finished is left alone.
     */
    private void takeBack(String key) {
        if (!parked.remove(key)) {
            return;
        }
        try {
            Optional<OwedDelivery> entry = store.get(key);
            if (entry.isEmpty() || entry.get().claimant() != null) {
                return;
            }
            Instant now = clock.instant();
            store.claim(entry.get(), claimant, now, now.plus(TAKE_BACK_LEASE))
                    .ifPresent(claimed -> store.finish(key, claimed.fence()));
        } catch (StoreUnavailableException e) {
            LOG.info("{}: could not take back {} ({})", core.agent(), key, e.getMessage());
        }
    }
}
