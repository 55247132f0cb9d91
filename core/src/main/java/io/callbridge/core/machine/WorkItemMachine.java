package io.callbridge.core.machine;

import static io.callbridge.core.machine.Transition.ignored;

import io.callbridge.core.CoreError;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The work-item state machine: PENDING → MATCHED → LOGGED → COMPLETED, or FAILED / EXPIRED. Pure. Repeats of a step
 * already taken with the same data are ignored, so a retried completion is harmless; anything else out of order is
 * rejected.
 */
public final class WorkItemMachine {
    private WorkItemMachine() {
    }

    /** A new offer. */
    public static Transition<WorkItem> offer(WorkCommand.OfferWork offer, Instant now, Instant expiresAt) {
        WorkItem item = WorkItem.pending(offer.workItemId(), offer.agent(), offer.expectedNumber(), offer.trigger(),
                now, expiresAt, offer.attributes());
        return new Transition.Applied<>(item, List.of(new CoreEvent.WorkItemChanged(item, null)), List.of());
    }

    public static Transition<WorkItem> apply(WorkItem item, WorkCommand command, Instant now) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(command, "command");
        if (!item.agent().equals(command.agent())) {
            return new Transition.Rejected<>(CoreError.of(ErrorCode.NOT_YOUR_CALL,
                    "work item " + item.id() + " belongs to another agent"));
        }
        if (command instanceof WorkCommand.OfferWork c) {
            return c.expectedNumber().sameNumberAs(item.expectedNumber())
                    ? ignored("work item " + item.id() + " was already offered")
                    : new Transition.Rejected<>(CoreError.of(ErrorCode.DUPLICATE_ID,
                            "work item " + item.id() + " already exists for another number"));
        } else if (command instanceof WorkCommand.MatchWork c) {
            return match(item, c.callId());
        } else if (command instanceof WorkCommand.MarkWorkLogged c) {
            return switch (item.state()) {
                case MATCHED -> move(item, item.logged(c.logId()));
                case LOGGED, COMPLETED -> c.logId().equals(item.logId())
                        ? ignored("work item " + item.id() + " already logged as " + c.logId())
                        : illegal(item, "be logged again as " + c.logId());
                case PENDING, FAILED, EXPIRED -> illegal(item, "be logged");
            };
        } else if (command instanceof WorkCommand.CompleteWork) {
            return switch (item.state()) {
                case LOGGED -> move(item, item.completed());
                case COMPLETED -> ignored("work item " + item.id() + " is already completed");
                case PENDING, MATCHED, FAILED, EXPIRED -> illegal(item, "be completed");
            };
        } else if (command instanceof WorkCommand.FailWork c) {
            return switch (item.state()) {
                case PENDING, MATCHED, LOGGED -> move(item, item.failed(c.reason()));
                case FAILED -> ignored("work item " + item.id() + " has already failed");
                case COMPLETED, EXPIRED -> illegal(item, "fail");
            };
        }
        throw new IllegalStateException("unhandled command " + command.getClass().getName());
    }

    public static Transition<WorkItem> match(WorkItem item, CallId callId) {
        return switch (item.state()) {
            case PENDING -> move(item, item.matched(callId));
            case MATCHED, LOGGED, COMPLETED -> callId.equals(item.call())
                    ? ignored("work item " + item.id() + " is already matched to call " + callId)
                    : illegal(item, "be matched to call " + callId);
            case FAILED, EXPIRED -> illegal(item, "be matched");
        };
    }

    /** Time passed: pending work whose time is up expires. */
    public static Transition<WorkItem> expire(WorkItem item, Instant now) {
        return switch (item.state()) {
            case PENDING -> now.isBefore(item.expiresAt())
                    ? ignored("work item " + item.id() + " is not due until " + item.expiresAt())
                    : move(item, item.expired());
            case MATCHED, LOGGED, COMPLETED, FAILED, EXPIRED -> ignored("only pending work expires");
        };
    }

    private static Transition<WorkItem> move(WorkItem previous, WorkItem next) {
        return new Transition.Applied<>(next, List.of(new CoreEvent.WorkItemChanged(next, previous.state())),
                List.of());
    }

    private static Transition<WorkItem> illegal(WorkItem item, String what) {
        return new Transition.Rejected<>(CoreError.of(ErrorCode.ILLEGAL_TRANSITION,
                "work item " + item.id() + " in state " + item.state() + " cannot " + what));
    }
}
