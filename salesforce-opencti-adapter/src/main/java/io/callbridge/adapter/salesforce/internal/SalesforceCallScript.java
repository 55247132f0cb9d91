package io.callbridge.adapter.salesforce.internal;

import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallState;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a call owes Salesforce right now: a pure function of the call as core holds it and of its work item, the twin
 * of HubSpot's {@code CallScript}.
 *
 * <p>Core is the record of truth, so the flow is a reconciliation: whenever anything about a call changes (and
 * whenever a frame joins) the call's state says what is still owed to Salesforce — a live inbound call without a
 * {@value #SCREEN_POP} link needs its screen pop, a call wrapped up without a {@value #TASK_ID} link needs its Task,
 * a matched or logged work item needs {@code hvs.completeWork} — and the adapter's own memory only records which of
 * those steps are under way right now. That is what makes a frame reload, a re-attach or a retry send each side
 * effect once, under the same invocation id. What was given up for good is on the call too ({@value #TASK_FAILED},
 * a FAILED work item), so it is not owed again.
 */
final class SalesforceCallScript {
    /** Call links: the Task's id, or why it could not be saved; whether the inbound screen pop is behind us. */
    static final String TASK_ID = "salesforce.taskId";
    static final String TASK_FAILED = "salesforce.taskFailed";
    static final String SCREEN_POP = "salesforce.screenPop";
    /** The work attribute with the number as Salesforce formatted it; work without it is not this adapter's. */
    static final String WORK_TO = "salesforce.to";

    private static final Owed NOTHING = new Owed.Nothing();
    private static final Owed SAVE_LOG = new Owed.SaveLog();

    private SalesforceCallScript() {
    }

    /** One side effect a call owes Salesforce. */
    sealed interface Owed {
        /** Search for the caller and pop what the policy says: the call is inbound, live, not popped yet. */
        record ScreenPop(PhoneNumber caller) implements Owed {
            public ScreenPop {
                Objects.requireNonNull(caller, "caller");
            }
        }

        /** Save the call's Task: it is wrapped up, and neither saved nor given up. */
        record SaveLog() implements Owed { }

        /**
         * Complete the Sales Engagement step the outbound call fulfilled, whose Task is saved.
         *
         * @param markLoggedFirst the work item is still MATCHED: core must hear of the Task first
         */
        record CompleteWork(WorkItemId workId, String taskId, boolean markLoggedFirst) implements Owed {
            public CompleteWork {
                Objects.requireNonNull(workId, "workId");
                Objects.requireNonNull(taskId, "taskId");
            }
        }

        /** Nothing now: the call has to change first, or it owes Salesforce nothing more. */
        record Nothing() implements Owed { }
    }

    /**
     * @param work the work item {@code call} names, as core holds it; null when it names none or core has none
     */
    static Owed owed(Call call, @Nullable WorkItem work) {
        if (call.direction() == Direction.INBOUND && call.state().isLive()) {
            // A caller without a number cannot be searched for; a pop once done (or given up) is never repeated.
            return call.from() != null && call.crmLink(SCREEN_POP).isEmpty()
                    ? new Owed.ScreenPop(call.from()) : NOTHING;
        }
        if (call.state() != CallState.WRAPPED_UP) {
            return NOTHING;
        }
        Optional<String> taskId = call.crmLink(TASK_ID);
        if (taskId.isEmpty()) {
            return call.crmLink(TASK_FAILED).isEmpty() ? SAVE_LOG : NOTHING;
        }
        // Inbound calls are never Sales Engagement work; core's work item says whether completion is still to come.
        if (!hasWork(call) || work == null || !work.id().equals(call.workItem()) || !call.id().equals(work.call())
                || !isOurs(work)) {
            return NOTHING;
        }
        if (work.state() == WorkItemState.MATCHED) {
            return new Owed.CompleteWork(work.id(), taskId.get(), true);
        }
        if (work.state() == WorkItemState.LOGGED) {
            return new Owed.CompleteWork(work.id(), taskId.get(), false);
        }
        return NOTHING;
    }

    /** Whether the call fulfils a Sales Engagement step: an outbound call core matched to a work item. */
    static boolean hasWork(Call call) {
        return call.direction() == Direction.OUTBOUND && call.workItem() != null;
    }

    /** Work this adapter offered; others' (another CRM's) are none of its business. */
    static boolean isOurs(WorkItem item) {
        return item.attributes().containsKey(WORK_TO);
    }
}
