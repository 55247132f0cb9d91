package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.SalesforceSettings.PopAction;
import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.opencti.CallType;
import io.callbridge.adapter.salesforce.opencti.InvalidInvocationException;
import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.adapter.salesforce.opencti.OpenCtiEvent;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.ScreenPop;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation;
import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException;
import io.callbridge.adapter.salesforce.opencti.OpenCtiResult;
import io.callbridge.adapter.salesforce.opencti.SearchMatch;
import io.callbridge.adapter.salesforce.opencti.WorkAttributes;
import io.callbridge.adapter.salesforce.tasklog.TaskLog;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeInputException;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.Delivery;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.SerialQueue;
import io.callbridge.core.bridge.SideEffect;
import io.callbridge.core.bridge.Texts;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Command;
import io.callbridge.core.command.Dial;
import io.callbridge.core.command.NotifyAgent;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.model.WorkItemState;
import io.callbridge.core.phone.InvalidPhoneNumberException;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.DeliveryStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One agent's Salesforce frames. Open CTI listener events become core commands; core's events become Open CTI calls:
 * screen pops for inbound calls, the Task of each wrapped-up call, and the Sales Engagement completion of the work
 * the call fulfilled.
 *
 * <p>Core is the record of truth, so the flow is a reconciliation: whenever anything about a call changes (and
 * whenever a frame joins) the call's state says what is still owed to Salesforce — a call wrapped up without a
 * {@code salesforce.taskId} link needs its Task, a matched or logged work item needs {@code hvs.completeWork} — and
 * the adapter's own memory only records which of those steps are under way right now. That is what makes a frame
 * reload, a re-attach or a retry send each side effect once, under the same invocation id.
 *
 * <p>Everything except input decoding runs on the agent's {@link SerialQueue}, one step at a time.
 */
final class SalesforceAgentBridge implements AgentBridge {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceAgentBridge.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final String TASK_ID = SalesforceCallScript.TASK_ID;
    static final String TASK_FAILED = SalesforceCallScript.TASK_FAILED;
    static final String SCREEN_POP = SalesforceCallScript.SCREEN_POP;
    /** crmContext / work attributes: the frame the agent acted in, and the number as Salesforce formatted it. */
    static final String CONTEXT_FRAME = "salesforce.frame";
    static final String CONTEXT_NUMBER = "salesforce.number";
    static final String CONTEXT_PARAMS = "salesforce.params";
    static final String WORK_TO = SalesforceCallScript.WORK_TO;
    /** publishUi topic listing the agent's Sales Engagement work. */
    static final String WORK_TOPIC = "salesforce.work";

    private final AgentId agent;
    private final BridgeChannel channel;
    private final CallEngine engine;
    private final PhoneNumberParser numbers;
    private final SalesforceSettings settings;
    private final OpenCtiCodec codec;
    private final CallTaskLog taskLog;
    private final SerialQueue queue;
    /** Runs the side effects the agent's calls owe Salesforce: claimed, retried, settled once. */
    private final Delivery delivery;

    // State below is touched only by tasks on the queue.
    private final Map<String, FrameState> frames = new LinkedHashMap<>();
    /** The frame of the latest user action (click-to-dial, navigation, work start). */
    private @Nullable String lastActive;
    private @Nullable Subscription subscription;
    private boolean closed;

    SalesforceAgentBridge(AgentId agent, BridgeChannel channel, CallEngine engine, PhoneNumberParser numbers,
            SalesforceSettings settings, BridgeScheduler scheduler, OpenCtiCodec codec, DeliveryStore store,
            Clock clock) {
        this.agent = agent;
        this.channel = channel;
        this.engine = engine;
        this.numbers = numbers;
        this.settings = settings;
        this.codec = codec;
        this.taskLog = new CallTaskLog(settings);
        this.queue = new SerialQueue(scheduler);
        this.delivery = new Delivery(SalesforceCrmBridge.CRM, agent, channel, queue, scheduler, store, clock,
                settings.retry().policy(), settings.invocationTimeout());
    }

    /** Follows the agent's events from now on; what happened before is picked up when a frame joins. */
    void start() {
        long from = engine.snapshot(agent).sequence();
        Subscription s = engine.subscribe(agent, from, new AgentEventListener() {
            @Override
            public void onEvent(SequencedEvent event) {
                queue.execute(() -> onCoreEvent(event.event()));
            }

            @Override
            public void onGap(long requestedAfter, long resumeAfter) {
                // Missed events: what they said is in core's current state, so look at all of it again.
                queue.execute(() -> {
                    if (!closed) {
                        Agent state = engine.agent(agent);
                        frames.values().forEach(f -> showAgent(f, state));
                        reconcileAll();
                        publishWork();
                    }
                });
            }
        });
        queue.execute(() -> {
            if (closed) {
                s.close();
            } else {
                subscription = s;
            }
        });
    }

    // ------------------------------------------------------------------------------------------- frames

    @Override
    public void frameJoined(FrameInfo frame) {
        queue.execute(() -> joined(frame));
    }

    @Override
    public void frameLeft(FrameInfo frame) {
        queue.execute(() -> {
            frames.remove(frame.sessionId());
            if (frame.sessionId().equals(lastActive)) {
                lastActive = null;
            }
        });
    }

    @Override
    public void close() {
        queue.execute(() -> {
            closed = true;
            if (subscription != null) {
                subscription.close();
            }
            // Claims go at once, so a bridge attached anew (or another node) takes the side effects over.
            delivery.close();
        });
    }

    private void joined(FrameInfo frame) {
        if (closed || frames.containsKey(frame.sessionId())) {
            return;
        }
        FrameState f = new FrameState(frame.sessionId());
        frames.put(f.sessionId, f);
        // Salesforce switches to the standby URL unless told early that the softphone is up.
        tell(f, "init", new OpenCtiInvocation.NotifyInitializationComplete());
        // Open CTI listeners cannot be removed, so a frame gets each exactly once, when it joins.
        tell(f, "onClickToDial", new OpenCtiInvocation.OnClickToDial());
        tell(f, "onNavigationChange", new OpenCtiInvocation.OnNavigationChange());
        tell(f, "onWorkStart", new OpenCtiInvocation.HvsOnWorkStart());
        showAgent(f, engine.agent(agent));
        // A frame is what side effects waiting for one need: try them now rather than at the end of their backoff.
        delivery.frameAvailable();
        reconcileAll();
        publishWork();
    }

    /** Click-to-dial and the utility-bar item follow the agent's state, per frame, sent only when they change. */
    private void showAgent(FrameState f, Agent state) {
        boolean dialable = state.isAvailable();
        if (dialable != f.clickToDial) {
            f.clickToDial = dialable;
            tell(f, "clickToDial-" + f.next(), dialable ? new OpenCtiInvocation.EnableClickToDial()
                    : new OpenCtiInvocation.DisableClickToDial());
        }
        SoftphoneItem item = SoftphoneItem.of(state);
        if (!item.label().equals(f.label)) {
            f.label = item.label();
            tell(f, "itemLabel-" + f.next(), new OpenCtiInvocation.SetSoftphoneItemLabel(item.label()));
        }
        if (!item.icon().equals(f.icon)) {
            f.icon = item.icon();
            tell(f, "itemIcon-" + f.next(), new OpenCtiInvocation.SetSoftphoneItemIcon(item.icon()));
        }
    }

    // ------------------------------------------------------------------------------------------- Open CTI events

    @Override
    public void crmEvent(FrameInfo frame, String name, String payloadJson) {
        // Decode and check on the caller's thread so that bad input is refused before anything changes.
        OpenCtiEvent event;
        try {
            event = codec.decodeEvent(name, payloadJson);
        } catch (OpenCtiMessageException e) {
            throw inputError(e, name);
        }
        String session = frame.sessionId();
        if (event instanceof OpenCtiEvent.ClickToDial c) {
            Dial dial = dialFor(c, parse(c.number(), "number"), session);
            queue.execute(() -> clickToDial(session, dial));
        } else if (event instanceof OpenCtiEvent.WorkStart w) {
            if (!OpenCtiEvent.WorkStart.TASK_SAVED.equals(w.completeWorkWhen())) {
                throw new BridgeInputException(BridgeInputException.Kind.INVALID_VALUE, "completeWorkWhen",
                        "only work completed when its Task is saved (TaskSaved) is supported, not '"
                                + w.completeWorkWhen() + "'");
            }
            WorkCommand.OfferWork offer = new WorkCommand.OfferWork(agent, WorkItemId.of(w.workId()),
                    parse(w.to(), "attributes.to"), CompletionTrigger.LOG_SAVED, null,
                    Map.of(WORK_TO, w.to(), CONTEXT_FRAME, session));
            queue.execute(() -> offerWork(session, offer));
        } else if (event instanceof OpenCtiEvent.NavigationChange) {
            queue.execute(() -> acted(session));
        } else {
            // Lightning Message Service messages: the adapter subscribes to none itself, so there is nothing to do.
            LOG.debug("{}: ignoring {} from frame {}", agent, name, session);
        }
    }

    private PhoneNumber parse(String text, String field) {
        try {
            return numbers.parse(text);
        } catch (InvalidPhoneNumberException e) {
            throw new BridgeInputException(BridgeInputException.Kind.INVALID_VALUE, field,
                    "not a phone number: " + e.getMessage());
        }
    }

    private Dial dialFor(OpenCtiEvent.ClickToDial c, PhoneNumber to, String session) {
        Map<String, String> context = new HashMap<>();
        context.put(CONTEXT_FRAME, session);
        context.put(CONTEXT_NUMBER, c.number());
        if (c.params() != null) {
            context.put(CONTEXT_PARAMS, c.params());
        }
        CrmRecordRef record = null;
        String recordId = c.recordId();
        if (recordId != null) {
            record = new CrmRecordRef(RecordLinks.CRM, RecordLinks.objectTypeOf(c.objectType(), recordId), recordId,
                    c.recordName());
            RecordLinks links = RecordLinks.forRecord(c.objectType(), recordId, c.personAccount(), c.accountId(),
                    c.contactId());
            context.put(RecordLinks.CONTEXT_RECORD, recordId);
            if (links.whoId() != null) {
                context.put(RecordLinks.CONTEXT_WHO, links.whoId());
            }
            if (links.whatId() != null) {
                context.put(RecordLinks.CONTEXT_WHAT, links.whatId());
            }
        }
        return new Dial(agent, to, null, null, record, context);
    }

    private void acted(String session) {
        if (frames.containsKey(session)) {
            lastActive = session;
        }
    }

    private void clickToDial(String session, Dial dial) {
        if (closed) {
            return;
        }
        acted(session);
        CommandResult result = engine.execute(dial);
        if (result instanceof CommandResult.Rejected r) {
            notifyAgent("salesforce.DIAL_REFUSED", "Could not call " + dial.to().raw() + ": " + r.error().message(),
                    null);
            return;
        }
        Optional<Call> call = result.createdCall();
        if (call.isPresent()) {
            // The agent clicked a number in a record: show them the call they just started, in the tab they used.
            tell(Invocation.deriveId("", call.get().id().value(), "showPanel"),
                    new OpenCtiInvocation.SetSoftphonePanelVisibility(true), new Invocation.Target.AnyFrame(session));
        }
    }

    private void offerWork(String session, WorkCommand.OfferWork offer) {
        if (closed) {
            return;
        }
        acted(session);
        CommandResult result = engine.execute(offer);
        if (result instanceof CommandResult.Rejected r) {
            notifyAgent("salesforce.WORK_REFUSED", "Sales Engagement work " + offer.workItemId() + " for "
                    + offer.expectedNumber().raw() + " was refused: " + r.error().message(), null);
        }
    }

    private static BridgeInputException inputError(OpenCtiMessageException e, String name) {
        switch (e.code()) {
            case MALFORMED_JSON:
                return new BridgeInputException(BridgeInputException.Kind.MALFORMED, e.field(), e.getMessage());
            case UNKNOWN_EVENT:
            case UNKNOWN_METHOD:
                return new BridgeInputException(BridgeInputException.Kind.UNKNOWN_EVENT, name, e.getMessage());
            case MISSING_FIELD:
                return new BridgeInputException(BridgeInputException.Kind.MISSING_FIELD, e.field(), e.getMessage());
            case WRONG_TYPE:
                return new BridgeInputException(BridgeInputException.Kind.WRONG_TYPE, e.field(), e.getMessage());
            case INVALID_VALUE:
                return new BridgeInputException(BridgeInputException.Kind.INVALID_VALUE, e.field(), e.getMessage());
            default:
                throw new IllegalStateException("unhandled code " + e.code());
        }
    }

    // ------------------------------------------------------------------------------------------- core events

    private void onCoreEvent(CoreEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof CoreEvent.AgentChanged a) {
            for (FrameState f : frames.values()) {
                showAgent(f, a.agent());
            }
        } else if (event instanceof CoreEvent.CallCreated c) {
            reconcile(c.call().id());
        } else if (event instanceof CoreEvent.CallStateChanged c) {
            reconcile(c.call().id());
        } else if (event instanceof CoreEvent.CallUpdated c) {
            reconcile(c.call().id());
        } else if (event instanceof CoreEvent.WorkItemChanged w) {
            onWorkChanged(w.item(), w.previous());
        }
        // AgentNotice: the transport shows those on every frame; nothing for Salesforce to do.
    }

    private void onWorkChanged(WorkItem item, @Nullable WorkItemState previous) {
        if (!SalesforceCallScript.isOurs(item)) {
            return;
        }
        if (item.state() == WorkItemState.EXPIRED && previous == WorkItemState.PENDING) {
            notifyAgent("salesforce.WORK_EXPIRED", "No call to " + item.attributes().get(WORK_TO)
                    + " was placed for Sales Engagement work " + item.id() + " in time; start it again from the"
                    + " work queue.", null);
        }
        publishWork();
        if (item.call() != null) {
            reconcile(item.call());
        }
    }

    private void publishWork() {
        ArrayNode list = JSON.arrayNode();
        for (WorkItem item : engine.workItems(agent)) {
            if (!SalesforceCallScript.isOurs(item)) {
                continue;
            }
            ObjectNode o = list.addObject();
            o.put("workId", item.id().value());
            o.put("number", item.attributes().get(WORK_TO));
            o.put("state", item.state().name());
            if (item.call() != null) {
                o.put("callId", item.call().value());
            }
        }
        channel.publishUi(WORK_TOPIC, list.toString());
    }

    private void reconcileAll() {
        if (closed) {
            return;
        }
        for (Call call : engine.calls(agent)) {
            reconcile(call.id());
        }
    }

    /** Starts whatever the call still owes Salesforce and is not already under way. */
    private void reconcile(CallId id) {
        if (closed) {
            return;
        }
        Optional<Call> found = engine.call(id);
        if (found.isEmpty()) {
            return;
        }
        Call call = found.get();
        SalesforceCallScript.Owed owed = SalesforceCallScript.owed(call, workOf(call));
        if (owed instanceof SalesforceCallScript.Owed.ScreenPop pop) {
            screenPop(call, pop.caller());
        } else if (owed instanceof SalesforceCallScript.Owed.SaveLog) {
            saveLog(call);
        } else if (owed instanceof SalesforceCallScript.Owed.CompleteWork complete) {
            completeWork(call, complete, false);
        }
    }

    private @Nullable WorkItem workOf(Call call) {
        WorkItemId id = call.workItem();
        return id == null ? null : engine.workItem(agent, id).orElse(null);
    }

    // ------------------------------------------------------------------------------------------- inbound screen pop

    private void screenPop(Call call, PhoneNumber from) {
        String searchKey = Invocation.deriveId("", call.id().value(), "search");
        String popKey = Invocation.deriveId("", call.id().value(), "pop");
        if (delivery.isOwed(searchKey) || delivery.isOwed(popKey)) {
            return;
        }
        // Deferred: Salesforce searches but pops nothing, so the configured policy decides what the agent sees.
        OpenCtiInvocation search = new OpenCtiInvocation.SearchAndScreenPop(from.raw(), CallType.INBOUND, null, null,
                null, true);
        delivery.owe(new OpenCtiSideEffect(searchKey, search, codec, () -> null) {
            @Override
            void succeeded(OpenCtiResult result) {
                pop(call.id(), from, codec.searchMatches(result), popKey);
            }

            @Override
            public void gaveUp(String reason) {
                popFailed(call.id(), reason);
            }

            @Override
            public boolean stillWanted() {
                return isLive(call.id());
            }
        });
    }

    private void pop(CallId callId, PhoneNumber from, List<SearchMatch> matches, String popKey) {
        PopAction action = settings.inboundPop().actionFor(matches.size());
        if (matches.size() == 1) {
            // The one match is who is calling: the Task goes to it too.
            SearchMatch m = matches.get(0);
            execute(new CallCommand.AttachRecord(agent, callId, new CrmRecordRef(RecordLinks.CRM,
                    RecordLinks.objectTypeOf(m.recordType(), m.recordId()), m.recordId(), m.name())));
        }
        ScreenPop pop;
        try {
            pop = popFor(action, matches, from);
        } catch (InvalidInvocationException e) {
            LOG.warn("{}: no screen pop for call {}: the {} pop has an invalid argument", agent, callId, action);
            LOG.debug("{}: no screen pop for call {}: {}", agent, callId, e.getMessage());
            pop = null;
        }
        if (pop == null) {
            endPop(callId, "none");
            return;
        }
        delivery.owe(new OpenCtiSideEffect(popKey, pop, codec, () -> null) {
            @Override
            void succeeded(OpenCtiResult result) {
                endPop(callId, "done");
            }

            @Override
            public void gaveUp(String reason) {
                popFailed(callId, reason);
            }

            @Override
            public boolean stillWanted() {
                return isLive(callId);
            }
        });
    }

    private boolean isLive(CallId callId) {
        return engine.call(callId).map(c -> c.state().isLive()).orElse(false);
    }

    /** Recorded, so the call is not popped again, and said, since the agent looks for the caller's record. */
    private void popFailed(CallId callId, String reason) {
        LOG.warn("{}: the screen pop for call {} failed for good", agent, callId);
        LOG.debug("{}: the screen pop for call {} failed: {}", agent, callId, reason);
        endPop(callId, "failed");
        notifyAgent("salesforce.SCREEN_POP_FAILED", "Salesforce could not show the caller's record: " + reason,
                callId);
    }

    private @Nullable ScreenPop popFor(PopAction action, List<SearchMatch> matches, PhoneNumber from) {
        switch (action) {
            case RECORD:
                return new ScreenPop.SObject(matches.get(0).recordId());
            case SEARCH:
                return new ScreenPop.Search(from.raw());
            case NEW_RECORD:
                Map<String, @Nullable Object> values = new LinkedHashMap<>();
                values.put(settings.inboundPop().newRecordPhoneField(), from.raw());
                return new ScreenPop.NewRecord(settings.inboundPop().newRecordEntity(), values);
            case NONE:
                return null;
            default:
                throw new IllegalStateException("unhandled pop action " + action);
        }
    }

    private void endPop(CallId callId, String how) {
        // Remembered on the call so that a reload or re-attach while it still rings does not pop it again.
        execute(new CallCommand.LinkCrmArtefact(agent, callId, SCREEN_POP, how));
    }

    // ------------------------------------------------------------------------------------------- Task log

    private void saveLog(Call call) {
        String id = Invocation.deriveId("", call.id().value(), "saveLog");
        if (delivery.isOwed(id)) {
            return;
        }
        TaskLog log;
        try {
            log = taskLog.of(call);
        } catch (InvalidInvocationException e) {
            // E.g. a record id some other component attached that is not a Salesforce id: no retry will fix it.
            taskFailed(call, e.getMessage());
            return;
        }
        delivery.owe(new OpenCtiSideEffect(id, log.toSaveLog(), codec, () -> preferredFrame(call)) {
            @Override
            void succeeded(OpenCtiResult result) {
                Optional<String> taskId = codec.savedRecordId(result);
                if (taskId.isEmpty()) {
                    // Saving again could make a second Task; better to tell the agent.
                    taskFailed(call, "Salesforce saved the Task but returned no id for it");
                    return;
                }
                execute(new CallCommand.LinkCrmArtefact(agent, call.id(), TASK_ID, taskId.get()));
                // The Task is on the call now: what it still owes is the work completion, if any, which refreshes
                // the view once it is settled; else the view shows the new Task at once.
                Call saved = engine.call(call.id()).orElse(call);
                if (SalesforceCallScript.owed(saved, workOf(saved))
                        instanceof SalesforceCallScript.Owed.CompleteWork complete) {
                    completeWork(saved, complete, true);
                } else {
                    refreshView(saved);
                }
            }

            @Override
            public void gaveUp(String reason) {
                taskFailed(call, reason);
            }

            @Override
            public boolean stillWanted() {
                // Saved meanwhile by another bridge instance (a re-attach, another node): nothing left to do here.
                return engine.call(call.id()).map(c -> c.crmLink(TASK_ID).isEmpty()).orElse(false);
            }
        });
    }

    private void taskFailed(Call call, String reason) {
        // Salesforce's text may quote the values it refused: only at debug. The agent is told in full.
        LOG.warn("{}: the Task of call {} was not saved", agent, call.id());
        LOG.debug("{}: the Task of call {} was not saved: {}", agent, call.id(), reason);
        execute(new CallCommand.LinkCrmArtefact(agent, call.id(), TASK_FAILED, cut(reason)));
        notifyAgent("salesforce.TASK_NOT_SAVED", "The call could not be logged in Salesforce: " + reason, call.id());
        if (SalesforceCallScript.hasWork(call)) {
            // Without a Task the cadence step cannot complete: say so rather than leave it open silently.
            execute(new WorkCommand.FailWork(agent, call.workItem(), "the call's Task was not saved: " + reason));
        }
    }

    private void refreshView(Call call) {
        // So that the new Task shows in the record's activity timeline.
        tell(Invocation.deriveId("", call.id().value(), "refreshView"), new OpenCtiInvocation.RefreshView(),
                new Invocation.Target.AnyFrame(preferredFrame(call)));
    }

    // ------------------------------------------------------------------------------------------- Sales Engagement

    /**
     * Completes the call's work item once its Task is saved. Core's work item is the record of truth (see
     * {@link SalesforceCallScript}): MATCHED gets marked LOGGED first, LOGGED gets {@code hvs.completeWork}.
     */
    private void completeWork(Call call, SalesforceCallScript.Owed.CompleteWork owed, boolean refreshAfter) {
        WorkItemId workId = owed.workId();
        String taskId = owed.taskId();
        String id = Invocation.deriveId("", call.id().value(), "completeWork");
        if (delivery.isOwed(id)) {
            return;
        }
        if (owed.markLoggedFirst() && execute(new WorkCommand.MarkWorkLogged(agent, workId, taskId)).isRejected()) {
            return;
        }
        OpenCtiInvocation complete;
        try {
            complete = new OpenCtiInvocation.HvsCompleteWork(workId.value(),
                    new WorkAttributes(CallTaskLog.callResult(call, settings), taskId, call.wasConnected()));
        } catch (InvalidInvocationException e) {
            workFailed(call, workId, e.getMessage());
            return;
        }
        delivery.owe(new OpenCtiSideEffect(id, complete, codec, () -> preferredFrame(call)) {
            @Override
            void succeeded(OpenCtiResult result) {
                execute(new WorkCommand.CompleteWork(agent, workId));
                if (refreshAfter) {
                    refreshView(call);
                }
            }

            @Override
            public void gaveUp(String reason) {
                workFailed(call, workId, reason);
                if (refreshAfter) {
                    refreshView(call);
                }
            }

            @Override
            public boolean stillWanted() {
                return engine.workItem(agent, workId).map(w -> w.state() == WorkItemState.LOGGED).orElse(false);
            }
        });
    }

    private void workFailed(Call call, WorkItemId workId, String reason) {
        LOG.warn("{}: Sales Engagement work {} of call {} was not completed", agent, workId, call.id());
        LOG.debug("{}: Sales Engagement work {} of call {} was not completed: {}", agent, workId, call.id(), reason);
        execute(new WorkCommand.FailWork(agent, workId, cut(reason)));
        notifyAgent("salesforce.WORK_NOT_COMPLETED", "Salesforce did not complete the Sales Engagement step "
                + workId + ": " + reason + ". Complete it by hand so the cadence moves on.", call.id());
    }

    // ------------------------------------------------------------------------------------------- invocations

    /** Sends something to one frame; a failure is only logged (the frame may have gone, and another has its own). */
    private void tell(FrameState frame, String step, OpenCtiInvocation invocation) {
        tell(Invocation.deriveId("", frame.sessionId, step), invocation, new Invocation.Target.Frame(frame.sessionId));
    }

    private void tell(String id, OpenCtiInvocation invocation, Invocation.Target target) {
        Invocation sent = new Invocation(id, invocation.method(), codec.encodeArgs(invocation), target,
                settings.invocationTimeout());
        channel.invoke(sent).whenComplete((result, error) -> {
            // Nothing but this debug line looks at the outcome, so it is only read when the line is written.
            if (!LOG.isDebugEnabled()) {
                return;
            }
            SideEffect.Verdict verdict = error != null ? new SideEffect.Verdict.Retry(error.toString())
                    : OpenCtiJudge.judge(result, codec);
            if (!(verdict instanceof SideEffect.Verdict.Done)) {
                LOG.debug("{}: {} {} did not succeed: {}", agent, invocation.method(), id, verdict);
            }
        });
    }

    /** The frame the agent dialled from, while it lives; else the one they last used. */
    private @Nullable String preferredFrame(Call call) {
        String frame = call.crmContext().get(CONTEXT_FRAME);
        return frame != null && frames.containsKey(frame) ? frame : lastActive;
    }

    // ------------------------------------------------------------------------------------------- core commands

    private CommandResult execute(Command command) {
        CommandResult result = engine.execute(command);
        if (result instanceof CommandResult.Rejected r) {
            LOG.warn("{}: core refused {}: {}", agent, command.getClass().getSimpleName(), r.error());
        }
        return result;
    }

    private void notifyAgent(String code, String message, @Nullable CallId callId) {
        execute(new NotifyAgent(agent, code, message, callId));
    }

    /** A reason as a CRM link or work failure takes it: 1-255 characters, never half an emoji. */
    private static String cut(String text) {
        return Texts.truncate(text.isBlank() ? "failed" : text, 255);
    }

    /** What the adapter sent to one frame, so it sends each setting only when it changes. */
    private static final class FrameState {
        final String sessionId;
        /** Salesforce starts with click-to-dial off. */
        boolean clickToDial;
        @Nullable String label;
        @Nullable String icon;
        int sent;

        FrameState(String sessionId) {
            this.sessionId = sessionId;
        }

        int next() {
            return ++sent;
        }
    }

    @Override
    public String toString() {
        return "SalesforceAgentBridge[" + agent + ", frames=" + new ArrayList<>(frames.keySet()) + "]";
    }
}
