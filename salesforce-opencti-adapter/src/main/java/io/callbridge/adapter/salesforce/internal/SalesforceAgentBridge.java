package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.SalesforceSettings;
import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.adapter.salesforce.opencti.OpenCtiEvent;
import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.bridge.AgentBridge;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeInputException;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.CallScope;
import io.callbridge.core.bridge.Delivery;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.SerialQueue;
import io.callbridge.core.command.Dial;
import io.callbridge.core.command.WorkCommand;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CompletionTrigger;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import io.callbridge.core.phone.InvalidPhoneNumberException;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.DeliveryStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's Salesforce frames. Open CTI listener events become core commands; core's events become Open CTI calls:
 * screen pops for inbound calls ({@link ScreenPopFlow}), the Task of each wrapped-up call ({@link TaskLogFlow}), and
 * the Sales Engagement completion of the work the call fulfilled ({@link WorkFlow}). The frames themselves and what
 * each was told are the {@link FrameLane}'s. This class only dispatches.
 *
 * <p>Reconciliation: whenever anything about a call changes, and whenever a frame joins, the dispatcher asks
 * {@link SalesforceCallScript} what the call still owes Salesforce and hands it to its flow, which starts it unless it
 * is under way. The owed side effects run through core's {@link Delivery}: claimed in the {@link DeliveryStore} before
 * each attempt, retried by the settings' retry policy under the same invocation id, settled exactly once. One that
 * found no frame waits, without using up its attempts, until a frame joins ({@link Delivery#frameAvailable}), which
 * also cuts every backoff short.
 *
 * <p>Threads: input is decoded and checked on the transport's thread, so that bad input is refused before anything
 * changes; everything else, core's events, invocation results and timers included, runs on the agent's
 * {@link SerialQueue}, one step at a time, which is what lets the flows keep plain, unsynchronised state.
 */
final class SalesforceAgentBridge implements AgentBridge {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceAgentBridge.class);

    /** crmContext keys a click-to-dial leaves on its call: the number as Salesforce formatted it, its params. */
    static final String CONTEXT_NUMBER = "salesforce.number";
    static final String CONTEXT_PARAMS = "salesforce.params";

    private final AgentId agent;
    private final CallEngine engine;
    private final PhoneNumberParser numbers;
    private final OpenCtiCodec codec;
    private final SerialQueue queue;
    private final AgentCore core;
    /** Runs the side effects the agent's calls owe Salesforce: claimed, retried, settled once. */
    private final Delivery delivery;
    private final FrameLane frames;
    private final ScreenPopFlow screenPops;
    private final WorkFlow work;
    private final TaskLogFlow taskLogs;
    private final CallScope callScope;
    /** Parks what the calls will owe, for a server-side executor when no tab comes back. */
    private final Outbox outbox;

    // State below is touched only by tasks on the queue.
    private @Nullable Subscription subscription;
    private boolean closed;

    SalesforceAgentBridge(AgentId agent, BridgeChannel channel, CallEngine engine, PhoneNumberParser numbers,
            SalesforceSettings settings, BridgeScheduler scheduler, OpenCtiCodec codec, DeliveryStore store,
            Clock clock) {
        this.agent = agent;
        this.engine = engine;
        this.numbers = numbers;
        this.codec = codec;
        this.queue = new SerialQueue(scheduler);
        this.core = new AgentCore(agent, engine);
        this.delivery = new Delivery(SalesforceCrmBridge.CRM, agent, channel, queue, scheduler, store, clock,
                settings.retry().policy(), settings.invocationTimeout());
        this.frames = new FrameLane(agent, channel, codec, settings.invocationTimeout());
        this.screenPops = new ScreenPopFlow(core, delivery, codec, settings.inboundPop());
        this.work = new WorkFlow(core, channel, delivery, codec, settings, frames);
        this.taskLogs = new TaskLogFlow(core, delivery, codec, settings, frames, work);
        this.callScope = settings.callScope();
        this.outbox = new Outbox(core, store, clock);
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
                        frames.showAgent(engine.agent(agent));
                        reconcileAll();
                        work.publish();
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
        queue.execute(() -> {
            if (closed || !frames.join(frame, engine.agent(agent))) {
                return;
            }
            // A frame is what side effects waiting for one need: try them now rather than at the end of a backoff.
            delivery.frameAvailable();
            reconcileAll();
            work.publish();
        });
    }

    @Override
    public void frameLeft(FrameInfo frame) {
        queue.execute(() -> frames.leave(frame));
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
                    Map.of(SalesforceCallScript.WORK_TO, w.to(), FrameLane.CONTEXT_FRAME, session));
            queue.execute(() -> {
                if (!closed) {
                    frames.acted(session);
                    work.offer(offer);
                }
            });
        } else if (event instanceof OpenCtiEvent.NavigationChange) {
            queue.execute(() -> frames.acted(session));
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
        context.put(FrameLane.CONTEXT_FRAME, session);
        context.put(CONTEXT_NUMBER, c.number());
        if (c.params() != null) {
            context.put(CONTEXT_PARAMS, c.params());
        }
        CrmRecordRef record = null;
        String recordId = c.recordId();
        if (recordId != null) {
            record = new CrmRecordRef(RecordLinks.CRM, RecordLinks.objectTypeOf(c.objectType(), recordId), recordId,
                    c.recordName());
            RecordLinks links = RecordLinks.forRecord(c.objectType(), recordId,
                    Boolean.TRUE.equals(c.personAccount()), c.accountId(), c.contactId());
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

    private void clickToDial(String session, Dial dial) {
        if (closed) {
            return;
        }
        frames.acted(session);
        CommandResult result = core.request(dial);
        if (result instanceof CommandResult.Rejected r) {
            core.notifyAgent("salesforce.DIAL_REFUSED", "Could not call " + dial.to().raw() + ": "
                    + r.error().message(), null);
            return;
        }
        Optional<Call> call = result.createdCall();
        if (call.isPresent()) {
            frames.showPanel(call.get().id(), session);
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
            frames.showAgent(a.agent());
        } else if (event instanceof CoreEvent.CallCreated c) {
            reconcile(c.call().id());
        } else if (event instanceof CoreEvent.CallStateChanged c) {
            reconcile(c.call().id());
        } else if (event instanceof CoreEvent.CallUpdated c) {
            reconcile(c.call().id());
        } else if (event instanceof CoreEvent.WorkItemChanged w) {
            work.changed(w.item(), w.previous());
            if (w.item().call() != null && SalesforceCallScript.isOurs(w.item())) {
                reconcile(w.item().call());
            }
        }
        // AgentNotice: the transport shows those on every frame; nothing for Salesforce to do.
    }

    private void reconcileAll() {
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
        // A call another CRM started stays out of Salesforce if the scope says so, unless Sales Engagement work
        // (which only Salesforce offers) was matched to it: that work still has to be completed.
        if (!callScope.covers(call, SalesforceCrmBridge.CRM) && call.workItem() == null) {
            return;
        }
        WorkItem item = core.workOf(call);
        outbox.reconcile(call, item);
        SalesforceCallScript.Owed owed = SalesforceCallScript.owed(call, item);
        if (owed instanceof SalesforceCallScript.Owed.ScreenPop pop) {
            screenPops.start(call, pop.caller());
        } else if (owed instanceof SalesforceCallScript.Owed.SaveLog) {
            taskLogs.save(call);
        } else if (owed instanceof SalesforceCallScript.Owed.CompleteWork complete) {
            work.complete(call, complete, false);
        }
    }

    @Override
    public String toString() {
        return "SalesforceAgentBridge[" + agent + ", frames=" + frames.sessions() + "]";
    }
}
