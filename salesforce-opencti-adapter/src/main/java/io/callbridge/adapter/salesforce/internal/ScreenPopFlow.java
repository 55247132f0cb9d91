package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.SalesforceSettings.InboundPopPolicy;
import io.callbridge.adapter.salesforce.SalesforceSettings.PopAction;
import io.callbridge.adapter.salesforce.opencti.CallType;
import io.callbridge.adapter.salesforce.opencti.InvalidInvocationException;
import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.ScreenPop;
import io.callbridge.adapter.salesforce.opencti.OpenCtiResult;
import io.callbridge.adapter.salesforce.opencti.SearchMatch;
import io.callbridge.core.bridge.Delivery;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.PhoneNumber;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screen pop of an inbound call: {@code searchAndScreenPop} for the caller's number, deferred so that Salesforce
 * searches but shows nothing, then the {@code screenPop} the 0 / 1 / many policy picks from what it found.
 *
 * <p>Ordering: the search, then (for exactly one match) the record attached to the call, so that its Task goes to the
 * caller too, then the pop. Both are side effects of core's {@code Delivery} ({@code call-1:search},
 * {@code call-1:pop}), retried while the call is live and dropped once it is not: a pop for a call that ended helps
 * nobody.
 *
 * <p>Reconciliation: the {@value SalesforceCallScript#SCREEN_POP} link on the call records how it went ({@code done},
 * {@code none}, {@code failed}), so a frame that reloads, or a bridge attached again, while the call still rings does
 * not pop it a second time; while either step is under way here, a new look at the call starts nothing.
 *
 * <p>Threads: confined to the agent bridge's serial queue.
 */
final class ScreenPopFlow {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenPopFlow.class);

    private final AgentCore core;
    private final Delivery delivery;
    private final OpenCtiCodec codec;
    private final InboundPopPolicy policy;

    ScreenPopFlow(AgentCore core, Delivery delivery, OpenCtiCodec codec, InboundPopPolicy policy) {
        this.core = core;
        this.delivery = delivery;
        this.codec = codec;
        this.policy = policy;
    }

    /** Starts the screen pop the call owes (see {@link SalesforceCallScript}), unless it is under way. */
    void start(Call call, PhoneNumber caller) {
        CallId callId = call.id();
        String searchKey = AgentCore.stepId(callId, "search");
        String popKey = AgentCore.stepId(callId, "pop");
        if (delivery.isOwed(searchKey) || delivery.isOwed(popKey)) {
            return;
        }
        OpenCtiInvocation search = new OpenCtiInvocation.SearchAndScreenPop(caller.raw(), CallType.INBOUND, null, null,
                null, true);
        delivery.owe(new PopStep(searchKey, search, callId) {
            @Override
            void succeeded(OpenCtiResult result) {
                pop(callId, caller, codec.searchMatches(result), popKey);
            }
        });
    }

    private void pop(CallId callId, PhoneNumber caller, List<SearchMatch> matches, String popKey) {
        PopAction action = policy.actionFor(matches.size());
        if (matches.size() == 1) {
            // The one match is who is calling: the Task goes to it too.
            SearchMatch m = matches.get(0);
            core.execute(new CallCommand.AttachRecord(core.agent(), callId, new CrmRecordRef(RecordLinks.CRM,
                    RecordLinks.objectTypeOf(m.recordType(), m.recordId()), m.recordId(), m.name())));
        }
        ScreenPop pop;
        try {
            pop = popFor(action, matches, caller);
        } catch (InvalidInvocationException e) {
            LOG.warn("{}: no screen pop for call {}: the {} pop has an invalid argument", core.agent(), callId, action);
            LOG.debug("{}: no screen pop for call {}: {}", core.agent(), callId, e.getMessage());
            pop = null;
        }
        if (pop == null) {
            end(callId, "none");
            return;
        }
        delivery.owe(new PopStep(popKey, pop, callId) {
            @Override
            void succeeded(OpenCtiResult result) {
                end(callId, "done");
            }
        });
    }

    private @Nullable ScreenPop popFor(PopAction action, List<SearchMatch> matches, PhoneNumber caller) {
        switch (action) {
            case RECORD:
                return new ScreenPop.SObject(matches.get(0).recordId());
            case SEARCH:
                return new ScreenPop.Search(caller.raw());
            case NEW_RECORD:
                Map<String, @Nullable Object> values = new LinkedHashMap<>();
                values.put(policy.newRecordPhoneField(), caller.raw());
                return new ScreenPop.NewRecord(policy.newRecordEntity(), values);
            case NONE:
                return null;
            default:
                throw new IllegalStateException("unhandled pop action " + action);
        }
    }

    private void end(CallId callId, String how) {
        // Remembered on the call so that a reload or re-attach while it still rings does not pop it again.
        core.execute(new CallCommand.LinkCrmArtefact(core.agent(), callId, SalesforceCallScript.SCREEN_POP, how));
    }

    /** Either step: on any frame (Salesforce pops in the tab it runs in), wanted while the call is live. */
    private abstract class PopStep extends OpenCtiSideEffect {
        private final CallId callId;

        PopStep(String key, OpenCtiInvocation invocation, CallId callId) {
            super(key, invocation, codec, () -> null);
            this.callId = callId;
        }

        @Override
        public void gaveUp(String reason) {
            // Recorded, so the call is not popped again, and said, since the agent looks for the caller's record.
            LOG.warn("{}: the screen pop for call {} failed for good", core.agent(), callId);
            LOG.debug("{}: the screen pop for call {} failed: {}", core.agent(), callId, reason);
            end(callId, "failed");
            core.notifyAgent("salesforce.SCREEN_POP_FAILED", "Salesforce could not show the caller's record: "
                    + reason, callId);
        }

        @Override
        public boolean stillWanted() {
            return core.isLive(callId);
        }
    }
}
