package io.callbridge.benchmarks.jmh;

import io.callbridge.benchmarks.inject.BenchmarkCore;
import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreSettings;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Core command → event: a whole outbound call through the real {@link CallEngine} (Guice-wired {@code CoreModule},
 * in-memory stores and event router) — Dial, then the phone system's Dialing, Ringing, Answered, Ended, then WrapUp.
 * Six inputs per invocation, each producing and publishing core events, so the score is the mean cost of one input.
 * The phone system only records; the benchmark reports its events, as a timer-driven one would.
 *
 * <p>{@link #snapshot()} is what the transport asks for on every refresh of an agent's softphone and an adapter on
 * attach: everything core holds about the agent, with all {@link #callsKept} wrapped-up calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CoreCallBenchmark {
    static final AgentId AGENT = AgentId.of("bench", "agent-1");
    static final PhoneNumber TO = new PhoneNumber("+16175550142", null, "(617) 555-0142");
    static final PhoneNumber FROM = new PhoneNumber("+16175550100", null, "+16175550100");
    private static final CallOutcome OUTCOME = new CallOutcome("connected", "Discussed renewal", null);

    /**
     * How many wrapped-up calls the agent has at most before housekeeping forgets them. Core keeps them for the
     * retention period (an hour by default): 20 is a busy agent's hour, 500 a dialler's. An input reads only the
     * agent's open calls, so callLifecycle should cost the same for both; a snapshot lists (and sorts) every kept call.
     */
    @Param({"20", "500"})
    public int callsKept;

    private final ManualClock clock = new ManualClock();
    private CallEngine engine;
    private TelephonyEvents events;
    private long calls;

    @Setup(Level.Trial)
    public void start() {
        CoreSettings settings = new CoreSettings("US", Duration.ofMinutes(2), Duration.ofMinutes(30),
                Duration.ofSeconds(1), 512, 64, 100_000, CoreSettings.DEFAULTS.autoWrapUp());
        BenchmarkCore core = BenchmarkCore.start(new RecordingPhone(), clock, settings);
        engine = core.engine();
        events = core.events();
        expect(engine.execute(new AgentCommand.LogIn(AGENT)));
        // The agent starts with as many wrapped-up calls as it keeps at most. callLifecycle's first housekeeping
        // forgets them; snapshot never runs housekeeping, so it always sees all of them.
        for (int i = 0; i < callsKept; i++) {
            lifecycle();
        }
    }

    @Benchmark
    @OperationsPerInvocation(6)
    public CommandResult callLifecycle() {
        CommandResult wrapped = lifecycle();
        if (++calls % callsKept == 0) {
            // Wrapped-up calls are kept for the retention period: let housekeeping forget them, as in production.
            clock.advanceSeconds(2);
            engine.housekeeping();
        }
        return wrapped;
    }

    @Benchmark
    public AgentSnapshot snapshot() {
        return engine.snapshot(AGENT);
    }

    private CommandResult lifecycle() {
        // Calls a millisecond apart: each has its own creation time, as in production, which is what a snapshot's
        // sort orders them by (calls created at one instant would be ordered by their random ids).
        clock.advanceMillis(1);
        CommandResult dialed = engine.execute(new Dial(AGENT, TO, null, null, null, Map.of()));
        CallId id = dialed.createdCall().orElseThrow().id();
        events.report(new ProviderEvent.Dialing(id, FROM));
        events.report(new ProviderEvent.Ringing(id));
        events.report(new ProviderEvent.Answered(id));
        events.report(new ProviderEvent.Ended(id, EndStatus.COMPLETED));
        return engine.execute(new CallCommand.WrapUp(AGENT, id, OUTCOME));
    }

    static void expect(CommandResult result) {
        if (!(result instanceof CommandResult.Accepted)) {
            throw new IllegalStateException("core refused the benchmark's setup: " + result);
        }
    }

    /**
     * A clock the benchmark moves by hand: a millisecond per call, and seconds to let housekeeping forget old calls
     * (500 calls take half of the benchmark's one-second retention). Single-threaded use.
     */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advanceMillis(long millis) {
            now = now.plusMillis(millis);
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }

    /** A phone system that takes every request; the benchmark reports what happens. */
    static final class RecordingPhone implements TelephonyProvider {
        @Override
        public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
        }

        @Override
        public void answer(CallId callId) {
        }

        @Override
        public void reject(CallId callId) {
        }

        @Override
        public void hangUp(CallId callId) {
        }

        @Override
        public void hold(CallId callId) {
        }

        @Override
        public void resume(CallId callId) {
        }

        @Override
        public void transfer(CallId callId, String target) {
        }

        @Override
        public void setMuted(CallId callId, boolean muted) {
        }
    }
}
