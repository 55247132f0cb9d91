package io.callbridge.benchmarks.jmh;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.bridge.BridgeChannel;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.core.bridge.FrameInfo;
import io.callbridge.core.bridge.Invocation;
import io.callbridge.core.bridge.InvocationResult;
import io.callbridge.core.command.Command;
import io.callbridge.core.event.AgentEventListener;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.event.Subscription;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.Presence;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Runs an adapter's real {@code AgentBridge} (attached through its public {@code CrmBridge}) with everything around it
 * reduced to nothing: a core that only hands out the call the benchmark set and accepts every command without doing
 * anything, a scheduler that runs tasks on the caller's thread, and a channel where every invocation succeeds at once.
 * Firing a core event then measures exactly the adapter's reaction: decide what the CRM needs, build the typed
 * message, encode it to the JSON the bridge receives, and book-keep the result.
 */
final class AdapterHarness implements CallEngine, BridgeChannel, BridgeScheduler {
    static final AgentId AGENT = AgentId.of("bench", "agent-1");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Subscription NO_SUBSCRIPTION = () -> { };
    private static final BridgeScheduler.Cancellable NOTHING = () -> { };

    final FrameInfo frame = new FrameInfo("s-bench-1", AGENT, "bench", "widget", T0, Map.of());
    private final Agent agent = new Agent(AGENT, true, Presence.AVAILABLE, null, Activity.IDLE);
    private final CompletableFuture<InvocationResult> success;
    private @Nullable Call current;
    private @Nullable AgentEventListener listener;
    private long sequence;
    /** Invocations made, and the characters of JSON arguments they carried. */
    long invocations;
    long argChars;
    @Nullable Invocation last;

    AdapterHarness(String successValueJson) {
        this.success = CompletableFuture.completedFuture(new InvocationResult.Success(successValueJson,
                frame.sessionId()));
    }

    /** Makes {@code call} what core holds and tells the adapter what happened to it. */
    void fire(Call call, CoreEvent event) {
        current = call;
        AgentEventListener l = listener;
        if (l == null) {
            throw new IllegalStateException("the adapter did not subscribe");
        }
        l.onEvent(new SequencedEvent(AGENT, ++sequence, T0, event));
    }

    // ------------------------------------------------------------------ CallEngine: hands out the current call

    @Override
    public CommandResult execute(Command command) {
        return new CommandResult.Accepted(List.of());
    }

    @Override
    public Optional<Call> call(CallId id) {
        Call c = current;
        return c != null && c.id().equals(id) ? Optional.of(c) : Optional.empty();
    }

    @Override
    public Agent agent(AgentId id) {
        return agent;
    }

    @Override
    public List<Call> calls(AgentId id) {
        Call c = current;
        return c == null ? List.of() : List.of(c);
    }

    @Override
    public Optional<WorkItem> workItem(AgentId agentId, WorkItemId id) {
        return Optional.empty();
    }

    @Override
    public List<WorkItem> workItems(AgentId id) {
        return List.of();
    }

    @Override
    public AgentSnapshot snapshot(AgentId id) {
        return new AgentSnapshot(sequence, agent, calls(id), List.of());
    }

    @Override
    public Subscription subscribe(AgentId agentId, long afterSequence, AgentEventListener l) {
        this.listener = l;
        return NO_SUBSCRIPTION;
    }

    @Override
    public void housekeeping() {
    }

    // ------------------------------------------------------------------ BridgeChannel: every invocation succeeds

    @Override
    public CompletionStage<InvocationResult> invoke(Invocation invocation) {
        invocations++;
        argChars += invocation.argsJson().length();
        last = invocation;
        return success;
    }

    @Override
    public void publishUi(String topic, String stateJson) {
    }

    @Override
    public List<FrameInfo> frames() {
        return List.of(frame);
    }

    // ------------------------------------------------------------------ BridgeScheduler: inline, no timers

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public BridgeScheduler.Cancellable schedule(Duration delay, Runnable task) {
        return NOTHING;
    }
}
