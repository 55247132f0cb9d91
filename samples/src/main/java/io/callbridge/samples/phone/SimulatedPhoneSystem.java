package io.callbridge.samples.phone;

import io.callbridge.core.CommandResult;
import io.callbridge.core.Service;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.core.spi.ProviderEvent;
import io.callbridge.core.spi.TelephonyEvents;
import io.callbridge.core.spi.TelephonyException;
import io.callbridge.core.spi.TelephonyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import io.callbridge.samples.phone.PhoneLines.State;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated phone system: outbound calls behave according to the number dialled, inbound calls
 * ring when {@link #ring} is called (the demo's "ring agent" control). Agent requests (answer, hang up, hold, mute,
 * transfer) are confirmed at once.
 *
 * <p>Magic numbers, matched on the last seven digits so that {@code +1 555 0100}, {@code (415) 555-0100} and
 * {@code +44 20 7946 5550100}-style numbers all behave alike — see {@link Behaviour}:
 * <ul>
 *   <li>{@code 555-0100}: rings, answered after 2 s, the far end hangs up after 30 s;</li>
 *   <li>{@code 555-0101}: busy after 1 s;</li>
 *   <li>{@code 555-0102}: rings for 8 s, then no answer;</li>
 *   <li>{@code 555-0103}: the network fails the call after 1 s;</li>
 *   <li>{@code 555-0104}: a long call: answered after 2 s, goes on until the agent hangs up;</li>
 *   <li>{@code 555-0199}: refused outright (the phone system throws);</li>
 *   <li>any other number: answered after 3 s, the far end hangs up after 60 s.</li>
 * </ul>
 * An inbound call rings until answered or rejected, and is MISSED after 30 s.
 *
 * <p>The calls it carries are kept in {@link PhoneLines}: in memory by default; in Redis when the demo runs on Redis,
 * so that, like a real phone system's, they outlive a restart of callbridge and are the same for every demo node. It
 * lists them for core's reconciliation on start ({@link #activeCalls()}). A {@link Service}: started, it times again
 * the next steps of the lines it finds.
 */
public final class SimulatedPhoneSystem implements TelephonyProvider, Service {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedPhoneSystem.class);

    /** The demo company's own line: the caller id of outbound calls and the number inbound callers dial. */
    public static final String DEMO_LINE = "+14155550000";
    /** How long after dialling the far end starts ringing. */
    public static final Duration RINGING_AFTER = Duration.ofMillis(500);
    /** How long an inbound call rings before it is MISSED. */
    public static final Duration INBOUND_RING_TIMEOUT = Duration.ofSeconds(30);
    /** How long a transfer takes to complete. */
    public static final Duration TRANSFER_TIME = Duration.ofMillis(500);

    /** What a dialled number does by itself. */
    public enum Behaviour {
        /** {@code …555 0100}: answered after 2 s, far end hangs up after 30 s. */
        ANSWERED("5550100", Duration.ofSeconds(2), null, Duration.ofSeconds(30)),
        /** {@code …555 0101}: busy after 1 s. */
        BUSY("5550101", Duration.ofSeconds(1), EndStatus.BUSY, null),
        /** {@code …555 0102}: rings, no answer after 8 s. */
        NO_ANSWER("5550102", Duration.ofSeconds(8), EndStatus.NO_ANSWER, null),
        /** {@code …555 0103}: fails after 1 s. */
        FAILED("5550103", Duration.ofSeconds(1), EndStatus.FAILED, null),
        /** {@code …555 0104}: answered after 2 s, never hangs up by itself. */
        LONG_CALL("5550104", Duration.ofSeconds(2), null, null),
        /** {@code …555 0199}: the phone system refuses to place the call. */
        REFUSED("5550199", Duration.ZERO, null, null),
        /** Every other number: answered after 3 s, far end hangs up after 60 s. */
        DEFAULT("", Duration.ofSeconds(3), null, Duration.ofSeconds(60));

        private final String suffix;
        private final Duration outcomeAfter;
        private final @Nullable EndStatus failure;
        private final @Nullable Duration farEndHangsUpAfter;

        Behaviour(String suffix, Duration outcomeAfter, @Nullable EndStatus failure,
                @Nullable Duration farEndHangsUpAfter) {
            this.suffix = suffix;
            this.outcomeAfter = outcomeAfter;
            this.failure = failure;
            this.farEndHangsUpAfter = farEndHangsUpAfter;
        }

        /** How long after dialling the call is answered, or ends with {@link #failure()}. */
        public Duration outcomeAfter() {
            return outcomeAfter;
        }

        /** The end status when the call is never answered, or null when it is answered. */
        public @Nullable EndStatus failure() {
            return failure;
        }

        /** How long after answering the far end hangs up, or null if it waits for the agent. */
        public @Nullable Duration farEndHangsUpAfter() {
            return farEndHangsUpAfter;
        }

        /** The behaviour of a dialled E.164 number. */
        public static Behaviour of(String e164) {
            for (Behaviour b : values()) {
                if (!b.suffix.isEmpty() && e164.endsWith(b.suffix)) {
                    return b;
                }
            }
            return DEFAULT;
        }
    }

    private static final Set<State> RINGING_OR_DIALING = EnumSet.of(State.DIALING, State.RINGING);
    private static final Set<State> TALKING = EnumSet.of(State.CONNECTED, State.HELD);

    private final Provider<TelephonyEvents> events;
    private final PhoneNumberParser parser;
    private final Delays delays;
    private final PhoneLines lines;

    /** A network in this process only. */
    public SimulatedPhoneSystem(Provider<TelephonyEvents> events, PhoneNumberParser parser, Delays delays) {
        this(events, parser, delays, PhoneLines.inMemory());
    }

    /** A network whose lines are kept in {@code lines} (e.g. {@link RedisPhoneLines}, shared by demo nodes). */
    @Inject
    public SimulatedPhoneSystem(Provider<TelephonyEvents> events, PhoneNumberParser parser, Delays delays,
            PhoneLines lines) {
        this.events = Objects.requireNonNull(events, "events");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.delays = Objects.requireNonNull(delays, "delays");
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    /**
     * Takes up the lines that are already there (kept in Redis by an earlier run or by another node): their next step
     * (answer, far end hanging up, an inbound call being missed) is timed again from now, as if the far end had waited.
     * Two nodes timing the same line change it once: each step is a compare-and-set.
     */
    @Override
    public void start() {
        List<PhoneLines.Line> found = lines.all();
        for (PhoneLines.Line line : found) {
            SimulatedPhoneSystem.Behaviour behaviour = line.behaviour();
            if (behaviour == null) {
                if (line.state() == State.RINGING) {
                    armMissed(line.id());
                }
            } else {
                armOutbound(line.id(), behaviour, line.state());
            }
        }
        if (!found.isEmpty()) {
            LOG.info("the simulated phone system carries {} calls from before; their next steps are timed from now",
                    found.size());
        }
    }

    @Override
    public void stop() {
        // The timers belong to Delays, which stops them; the lines stay where they are kept.
    }

    // ------------------------------------------------------------------------------------ requests from core

    @Override
    public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
        Behaviour behaviour = Behaviour.of(to.e164());
        LOG.info("{} places call {} ({})", agent, callId, behaviour);
        LOG.debug("call {} dials {}", callId, to.e164());
        if (behaviour == Behaviour.REFUSED) {
            throw new TelephonyException("the simulated network refuses calls to " + to.e164());
        }
        if (!lines.add(new PhoneLines.Line(callId, behaviour, State.DIALING))) {
            throw new TelephonyException("call " + callId + " is already on the simulated network");
        }
        report(new ProviderEvent.Dialing(callId, from != null ? from : parser.parse(DEMO_LINE)));
        armOutbound(callId, behaviour, State.DIALING);
    }

    /** The steps an outbound call in {@code state} takes by itself from now. */
    private void armOutbound(CallId callId, Behaviour behaviour, State state) {
        if (state == State.DIALING && behaviour != Behaviour.BUSY && behaviour != Behaviour.FAILED) {
            delays.after(RINGING_AFTER, () -> {
                if (lines.move(callId, EnumSet.of(State.DIALING), State.RINGING)) {
                    report(new ProviderEvent.Ringing(callId));
                }
            });
        }
        if (RINGING_OR_DIALING.contains(state)) {
            delays.after(behaviour.outcomeAfter(), () -> {
                EndStatus failure = behaviour.failure();
                if (failure != null) {
                    if (lines.end(callId, RINGING_OR_DIALING).isPresent()) {
                        report(new ProviderEvent.Ended(callId, failure));
                    }
                } else if (lines.move(callId, RINGING_OR_DIALING, State.CONNECTED)) {
                    report(new ProviderEvent.Answered(callId));
                    armFarEndHangUp(callId, behaviour);
                }
            });
        } else {
            armFarEndHangUp(callId, behaviour);
        }
    }

    private void armFarEndHangUp(CallId callId, Behaviour behaviour) {
        Duration hangUp = behaviour.farEndHangsUpAfter();
        if (hangUp != null) {
            delays.after(hangUp, () -> {
                if (lines.end(callId, TALKING).isPresent()) {
                    LOG.info("the far end of call {} hangs up", callId);
                    report(new ProviderEvent.Ended(callId, EndStatus.COMPLETED));
                }
            });
        }
    }

    private void armMissed(CallId callId) {
        delays.after(INBOUND_RING_TIMEOUT, () -> {
            if (lines.end(callId, EnumSet.of(State.RINGING)).isPresent()) {
                report(new ProviderEvent.Ended(callId, EndStatus.MISSED));
            }
        });
    }

    @Override
    public void answer(CallId callId) {
        if (!line(callId).inbound() || !lines.move(callId, EnumSet.of(State.RINGING), State.CONNECTED)) {
            throw new TelephonyException("call " + callId + " is not ringing here");
        }
        report(new ProviderEvent.Answered(callId));
    }

    @Override
    public void reject(CallId callId) {
        if (!line(callId).inbound() || lines.end(callId, EnumSet.of(State.RINGING)).isEmpty()) {
            throw new TelephonyException("call " + callId + " is not ringing here");
        }
        report(new ProviderEvent.Ended(callId, EndStatus.REJECTED));
    }

    @Override
    public void hangUp(CallId callId) {
        PhoneLines.Line line = line(callId);
        State before = lines.end(callId, PhoneLines.LIVE)
                .orElseThrow(() -> new TelephonyException("call " + callId + " has already ended"));
        boolean talking = TALKING.contains(before);
        report(new ProviderEvent.Ended(callId, talking ? EndStatus.COMPLETED
                : line.inbound() ? EndStatus.REJECTED : EndStatus.CANCELED));
    }

    @Override
    public void hold(CallId callId) {
        line(callId);
        if (!lines.move(callId, EnumSet.of(State.CONNECTED), State.HELD)) {
            throw new TelephonyException("call " + callId + " is not connected");
        }
        report(new ProviderEvent.Held(callId));
    }

    @Override
    public void resume(CallId callId) {
        line(callId);
        if (!lines.move(callId, EnumSet.of(State.HELD), State.CONNECTED)) {
            throw new TelephonyException("call " + callId + " is not on hold");
        }
        report(new ProviderEvent.Resumed(callId));
    }

    @Override
    public void transfer(CallId callId, String target) {
        if (!TALKING.contains(line(callId).state())) {
            throw new TelephonyException("call " + callId + " is not connected");
        }
        LOG.info("transferring call {}", callId);
        LOG.debug("call {} is transferred to {}", callId, target);
        delays.after(TRANSFER_TIME, () -> {
            if (lines.end(callId, TALKING).isPresent()) {
                report(new ProviderEvent.Ended(callId, EndStatus.TRANSFERRED));
            }
        });
    }

    @Override
    public void setMuted(CallId callId, boolean muted) {
        line(callId);
        report(new ProviderEvent.MuteChanged(callId, muted));
    }

    /** Every call on the network (being placed, ringing, connected or held), wherever its lines are kept. */
    @Override
    public Optional<Set<CallId>> activeCalls() {
        Set<CallId> ids = new HashSet<>();
        for (PhoneLines.Line line : lines.all()) {
            ids.add(line.id());
        }
        return Optional.of(ids);
    }

    // ------------------------------------------------------------------------------------ the demo's controls

    /**
     * An inbound call from {@code fromNumber} (any common notation) to the demo line rings at {@code agent}.
     *
     * @return the new call's id
     * @throws io.callbridge.core.phone.InvalidPhoneNumberException if the number cannot be read
     * @throws TelephonyException if core refused the call (e.g. the agent is not logged in)
     */
    public CallId ring(AgentId agent, String fromNumber) {
        PhoneNumber from = parser.parse(fromNumber);
        CallId id = CallId.of("sim-in-" + lines.nextInboundNumber());
        lines.add(new PhoneLines.Line(id, null, State.RINGING));
        LOG.info("an inbound call rings at {} as call {}", agent, id);
        LOG.debug("call {} comes from {}", id, from.e164());
        CommandResult result = report(
                new ProviderEvent.Incoming(id, agent, from, parser.parse(DEMO_LINE)));
        if (result instanceof CommandResult.Rejected rejected) {
            lines.end(id, PhoneLines.LIVE);
            throw new TelephonyException("the call could not ring at " + agent + ": " + rejected.error().message());
        }
        armMissed(id);
        return id;
    }

    /** Whether the simulated network still carries the call (it has not ended). */
    public boolean isLive(CallId callId) {
        return lines.get(callId).isPresent();
    }

    // ------------------------------------------------------------------------------------ internals

    private PhoneLines.Line line(CallId callId) {
        return lines.get(callId).orElseThrow(
                () -> new TelephonyException("no call " + callId + " on the simulated network (it may have ended)"));
    }

    private CommandResult report(ProviderEvent event) {
        CommandResult result = events.get().report(event);
        if (result instanceof CommandResult.Rejected rejected) {
            LOG.warn("core refused {}: {}", event, rejected.error().message());
        }
        return result;
    }
}
