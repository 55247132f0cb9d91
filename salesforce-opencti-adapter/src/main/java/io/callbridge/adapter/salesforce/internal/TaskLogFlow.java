package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.SalesforceCallLog;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.opencti.InvalidInvocationException;
import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation;
import io.callbridge.adapter.salesforce.opencti.OpenCtiResult;
import io.callbridge.core.bridge.Delivery;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.model.Call;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Task of a wrapped-up call: {@code saveLog} with every field cut to its limit ({@link SalesforceCallLog#taskFields}), the id
 * Salesforce returns kept on the call as {@value SalesforceCallScript#TASK_ID}.
 *
 * <p>Ordering: the Task first; then, for an outbound call that fulfilled Sales Engagement work, the completion
 * ({@link WorkFlow}), which refreshes the view once it is settled; else {@code refreshView} at once, so the new Task
 * shows in the record's timeline.
 *
 * <p>Reconciliation and exactly once: the save goes through core's {@code Delivery} under the call's id
 * ({@code call-1:saveLog}, also the Task's {@code CallObject}), claimed in core's store so that no other bridge
 * instance saves it at the same time, and is wanted at each retry only while the call has no Task: one saved
 * meanwhile elsewhere (a re-attach, another node) ends it here. A Task that cannot be saved is recorded on the call
 * ({@value SalesforceCallScript#TASK_FAILED}), so it is not owed again; the agent is told
 * ({@code salesforce.TASK_NOT_SAVED}) and the call's work item fails, since its step cannot complete without a Task.
 *
 * <p>Threads: confined to the agent bridge's serial queue.
 */
final class TaskLogFlow {
    private static final Logger LOG = LoggerFactory.getLogger(TaskLogFlow.class);

    private final AgentCore core;
    private final Delivery delivery;
    private final OpenCtiCodec codec;
    private final SalesforceSettings settings;
    private final FrameLane frames;
    private final WorkFlow work;

    TaskLogFlow(AgentCore core, Delivery delivery, OpenCtiCodec codec, SalesforceSettings settings, FrameLane frames,
            WorkFlow work) {
        this.core = core;
        this.delivery = delivery;
        this.codec = codec;
        this.settings = settings;
        this.frames = frames;
        this.work = work;
    }

    /** Saves the Task the call owes (see {@link SalesforceCallScript}), unless that is under way. */
    void save(Call call) {
        String key = SalesforceCallLog.saveLogKey(call.id());
        if (delivery.isOwed(key)) {
            return;
        }
        OpenCtiInvocation.SaveLog log;
        try {
            Map<String, @Nullable Object> value = new LinkedHashMap<>();
            value.put("entityApiName", "Task");
            value.putAll(SalesforceCallLog.taskFields(call, settings));
            log = new OpenCtiInvocation.SaveLog(value);
        } catch (InvalidInvocationException e) {
            // E.g. a record id some other component attached that is not a Salesforce id: no retry will fix it.
            failed(call, e.getMessage());
            return;
        }
        delivery.owe(new OpenCtiSideEffect(key, log, codec, () -> frames.preferredFrame(call)) {
            @Override
            void succeeded(OpenCtiResult result) {
                saved(call, codec.savedRecordId(result));
            }

            @Override
            public void gaveUp(String reason) {
                failed(call, reason);
            }

            @Override
            public boolean stillWanted() {
                return core.call(call.id()).map(c -> c.crmLink(SalesforceCallScript.TASK_ID).isEmpty()).orElse(false);
            }
        });
    }

    private void saved(Call call, Optional<String> taskId) {
        if (taskId.isEmpty()) {
            // Saving again could make a second Task; better to tell the agent.
            failed(call, "Salesforce saved the Task but returned no id for it");
            return;
        }
        core.execute(new CallCommand.LinkCrmArtefact(core.agent(), call.id(), SalesforceCallScript.TASK_ID,
                taskId.get()));
        // The Task is on the call now: what it still owes is the work completion, if any, which refreshes the view
        // once it is settled; else the view shows the new Task at once.
        Call now = core.call(call.id()).orElse(call);
        if (SalesforceCallScript.owed(now, core.workOf(now)) instanceof SalesforceCallScript.Owed.CompleteWork c) {
            work.complete(now, c, true);
        } else {
            frames.refreshView(now);
        }
    }

    private void failed(Call call, String reason) {
        // Salesforce's text may quote the values it refused: only at debug. The agent is told in full.
        LOG.warn("{}: the Task of call {} was not saved", core.agent(), call.id());
        LOG.debug("{}: the Task of call {} was not saved: {}", core.agent(), call.id(), reason);
        core.execute(new CallCommand.LinkCrmArtefact(core.agent(), call.id(), SalesforceCallScript.TASK_FAILED,
                AgentCore.reason(reason)));
        core.notifyAgent("salesforce.TASK_NOT_SAVED", "The call could not be logged in Salesforce: " + reason,
                call.id());
        if (SalesforceCallScript.hasWork(call)) {
            // Without a Task the cadence step cannot complete: say so rather than leave it open silently.
            core.execute(new WorkCommand.FailWork(core.agent(), call.workItem(), "the call's Task was not saved: "
                    + reason));
        }
    }
}
