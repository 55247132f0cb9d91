package io.callbridge.adapter.salesforce.internal;

import io.callbridge.adapter.salesforce.opencti.OpenCtiCodec;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.SideEffect;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's Salesforce tabs (each Lightning tab and pop-out is its own softphone frame) and what each has been told:
 * the set-up every frame needs, the click-to-dial switch and utility-bar item that follow the agent, and which frame
 * the agent used last.
 *
 * <p>Ordering: a frame that joins gets {@code notifyInitializationComplete} first (Salesforce switches to the standby
 * URL unless told early that the softphone is up), then each listener exactly once (Open CTI cannot remove one, so a
 * frame that joined already is not set up again), then the agent's state. Afterwards a setting is sent to a frame only
 * when it changes there, under a per-frame numbered id.
 *
 * <p>What is sent here is not owed: it goes to one frame or the likeliest one, fire and forget, and a failure is only
 * logged at debug (the frame may have gone, and a frame that joins gets its own). A Task or a completion is never sent
 * here but through core's {@code Delivery}, which asks {@link #preferredFrame} at every attempt.
 *
 * <p>Threads: confined to the agent bridge's serial queue.
 */
final class FrameLane {
    private static final Logger LOG = LoggerFactory.getLogger(FrameLane.class);
    /** crmContext key: the frame the agent acted in. */
    static final String CONTEXT_FRAME = "salesforce.frame";

    private final AgentId agent;
    private final BridgeChannel channel;
    private final OpenCtiCodec codec;
    private final Duration invocationTimeout;
    private final Map<String, FrameState> frames = new LinkedHashMap<>();
    /** The frame of the latest user action (click-to-dial, navigation, work start). */
    private @Nullable String lastActive;

    FrameLane(AgentId agent, BridgeChannel channel, OpenCtiCodec codec, Duration invocationTimeout) {
        this.agent = agent;
        this.channel = channel;
        this.codec = codec;
        this.invocationTimeout = invocationTimeout;
    }

    /**
     * Sets up a frame that joined and shows it the agent's state.
     *
     * @return false if the frame had joined already (the transport reporting a session twice), which changes nothing
     */
    boolean join(FrameInfo frame, Agent state) {
        if (frames.containsKey(frame.sessionId())) {
            return false;
        }
        FrameState f = new FrameState(frame.sessionId());
        frames.put(f.sessionId, f);
        tell(f, "init", new OpenCtiInvocation.NotifyInitializationComplete());
        tell(f, "onClickToDial", new OpenCtiInvocation.OnClickToDial());
        tell(f, "onNavigationChange", new OpenCtiInvocation.OnNavigationChange());
        tell(f, "onWorkStart", new OpenCtiInvocation.HvsOnWorkStart());
        show(f, state);
        return true;
    }

    void leave(FrameInfo frame) {
        frames.remove(frame.sessionId());
        if (frame.sessionId().equals(lastActive)) {
            lastActive = null;
        }
    }

    /** The agent did something in {@code session} (clicked, navigated, started work): it is where they are. */
    void acted(String session) {
        if (frames.containsKey(session)) {
            lastActive = session;
        }
    }

    /** Click-to-dial and the utility-bar item follow the agent's state, per frame, sent only when they change. */
    void showAgent(Agent state) {
        for (FrameState f : frames.values()) {
            show(f, state);
        }
    }

    /** The frame the agent dialled from, while it lives; else the one they last used; else any (null). */
    @Nullable String preferredFrame(Call call) {
        String frame = call.crmContext().get(CONTEXT_FRAME);
        return frame != null && frames.containsKey(frame) ? frame : lastActive;
    }

    /** The agent clicked a number in a record: show them the call they just started, in the tab they used. */
    void showPanel(CallId call, String session) {
        tell(AgentCore.stepId(call, "showPanel"), new OpenCtiInvocation.SetSoftphonePanelVisibility(true),
                new Invocation.Target.AnyFrame(session));
    }

    /** So that a new Task (or completed work) shows in the record's activity timeline. */
    void refreshView(Call call) {
        tell(AgentCore.stepId(call.id(), "refreshView"), new OpenCtiInvocation.RefreshView(),
                new Invocation.Target.AnyFrame(preferredFrame(call)));
    }

    List<String> sessions() {
        return List.copyOf(frames.keySet());
    }

    private void show(FrameState f, Agent state) {
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

    private void tell(FrameState frame, String step, OpenCtiInvocation invocation) {
        tell(Invocation.deriveId("", frame.sessionId, step), invocation, new Invocation.Target.Frame(frame.sessionId));
    }

    private void tell(String id, OpenCtiInvocation invocation, Invocation.Target target) {
        Invocation sent = new Invocation(id, invocation.method(), codec.encodeArgs(invocation), target,
                invocationTimeout);
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
}
