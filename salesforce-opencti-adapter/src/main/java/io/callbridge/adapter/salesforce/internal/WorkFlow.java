package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.SalesforceCallLog;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.opencti.InvalidInvocationException;
import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation;
import io.callbridge.adapter.salesforce.opencti.OpenCtiResult;
import io.callbridge.adapter.salesforce.opencti.WorkAttributes;
import io.callbridge.core.CommandResult;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.Delivery;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sales Engagement work: {@code hvs.onWorkStart} offers become core work items (core matches them to the dial by
 * number, whichever comes first), the {@value #WORK_TOPIC} UI topic lists them, and the step a call fulfilled is
 * completed once its Task is saved. Inbound calls never are.
 *
 * <p>Ordering: core's work item is the record of truth. MATCHED is marked LOGGED with the Task's id first
 * ({@code MarkWorkLogged}), then {@code hvs.completeWork {workId, attributes: {disposition, taskId, wasConnected}}}
 * goes out through core's {@code Delivery} under the work item's key ({@code <workId>:completeWork}), then core hears {@code CompleteWork}, then the
 * view is refreshed when the Task was saved just now. A completion that cannot be done fails the work item, so the
 * cadence step is never left open silently, and the agent is told ({@code salesforce.WORK_NOT_COMPLETED}); work that
 * no call fulfilled in time expires with a {@code salesforce.WORK_EXPIRED} notice.
 *
 * <p>Exactly once: a completion is owed only while the work item is MATCHED or LOGGED (see
 * {@link SalesforceCallScript}), is wanted at each retry only while it is still LOGGED, and runs under one claim of
 * core's store; after COMPLETED or FAILED nothing sends it again.
 *
 * <p>Threads: confined to the agent bridge's serial queue.
 */
final class WorkFlow {
    private static final Logger LOG = LoggerFactory.getLogger(WorkFlow.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** publishUi topic listing the agent's Sales Engagement work. */
    static final String WORK_TOPIC = "salesforce.work";

    private final AgentCore core;
    private final BridgeChannel channel;
    private final Delivery delivery;
    private final OpenCtiCodec codec;
    private final SalesforceSettings settings;
    private final FrameLane frames;

    WorkFlow(AgentCore core, BridgeChannel channel, Delivery delivery, OpenCtiCodec codec,
            SalesforceSettings settings, FrameLane frames) {
        this.core = core;
        this.channel = channel;
        this.delivery = delivery;
        this.codec = codec;
        this.settings = settings;
        this.frames = frames;
    }

    /** A rep started a call step in Salesforce. */
    void offer(WorkCommand.OfferWork offer) {
        CommandResult result = core.request(offer);
        if (result instanceof CommandResult.Rejected r) {
            core.notifyAgent("salesforce.WORK_REFUSED", "Sales Engagement work " + offer.workItemId() + " for "
                    + offer.expectedNumber().raw() + " was refused: " + r.error().message(), null);
        }
    }

    /** Core changed a work item: tell the agent what expired, and show the list as it is now. */
    void changed(WorkItem item, @Nullable WorkItemState previous) {
        if (!SalesforceCallScript.isOurs(item)) {
            return;
        }
        if (item.state() == WorkItemState.EXPIRED && previous == WorkItemState.PENDING) {
            core.notifyAgent("salesforce.WORK_EXPIRED", "No call to " + item.attributes().get(
                    SalesforceCallScript.WORK_TO) + " was placed for Sales Engagement work " + item.id()
                    + " in time; start it again from the work queue.", null);
        }
        publish();
    }

    /** The agent's work as the softphone lists it; a frame that joins later gets the latest list. */
    void publish() {
        ArrayNode list = JSON.arrayNode();
        for (WorkItem item : core.workItems()) {
            if (!SalesforceCallScript.isOurs(item)) {
                continue;
            }
            ObjectNode o = list.addObject();
            o.put("workId", item.id().value());
            o.put("number", item.attributes().get(SalesforceCallScript.WORK_TO));
            o.put("state", item.state().name());
            if (item.call() != null) {
                o.put("callId", item.call().value());
            }
        }
        channel.publishUi(WORK_TOPIC, list.toString());
    }

    /**
     * Completes the work the call fulfilled, as {@link SalesforceCallScript} found it owed.
     *
     * @param refreshAfter the Task was saved just now: refresh the view once the completion is settled
     */
    void complete(Call call, SalesforceCallScript.Owed.CompleteWork owed, boolean refreshAfter) {
        WorkItemId workId = owed.workId();
        String taskId = owed.taskId();
        String key = SalesforceCallLog.completeWorkKey(workId);
        if (delivery.isOwed(key)) {
            return;
        }
        if (owed.markLoggedFirst()
                && core.execute(new WorkCommand.MarkWorkLogged(core.agent(), workId, taskId)).isRejected()) {
            return;
        }
        OpenCtiInvocation complete;
        try {
            complete = new OpenCtiInvocation.HvsCompleteWork(workId.value(),
                    new WorkAttributes(callResult(call), taskId, call.wasConnected()));
        } catch (InvalidInvocationException e) {
            failed(call, workId, e.getMessage());
            return;
        }
        delivery.owe(new OpenCtiSideEffect(key, complete, codec, () -> frames.preferredFrame(call)) {
            @Override
            void succeeded(OpenCtiResult result) {
                core.execute(new WorkCommand.CompleteWork(core.agent(), workId));
                if (refreshAfter) {
                    frames.refreshView(call);
                }
            }

            @Override
            public void gaveUp(String reason) {
                failed(call, workId, reason);
                if (refreshAfter) {
                    frames.refreshView(call);
                }
            }

            @Override
            public boolean stillWanted() {
                return core.workItem(workId).map(w -> w.state() == WorkItemState.LOGGED).orElse(false);
            }
        });
    }

    /**
     * The org's call result for the call, as the Task's disposition field has it (the Task log's rule), so the Task
     * and Sales Engagement agree.
     */
    private String callResult(Call call) {
        CallOutcome outcome = call.outcome();
        return settings.dispositions().resultFor(outcome == null ? null : outcome.disposition(), call.endStatus(),
                call.wasConnected());
    }

    private void failed(Call call, WorkItemId workId, String reason) {
        // Salesforce's text may quote the values it refused: only at debug. The agent is told in full.
        LOG.warn("{}: Sales Engagement work {} of call {} was not completed", core.agent(), workId, call.id());
        LOG.debug("{}: Sales Engagement work {} of call {} was not completed: {}", core.agent(), workId, call.id(),
                reason);
        core.execute(new WorkCommand.FailWork(core.agent(), workId, AgentCore.reason(reason)));
        core.notifyAgent("salesforce.WORK_NOT_COMPLETED", "Salesforce did not complete the Sales Engagement step "
                + workId + ": " + reason + ". Complete it by hand so the cadence moves on.", call.id());
    }
}
