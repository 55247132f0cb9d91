package io.callbridge.samples.phone;

import io.callbridge.core.CommandResult;
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
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A phone system that only exists in memory: outbound calls behave according to the number dialled, inbound calls
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
 */
public final class SimulatedPhoneSystem implements TelephonyProvider {
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

    private enum LineState { DIALING, RINGING, CONNECTED, HELD, ENDED }

    /** One call on the simulated network. */
    private static final class Line {
        final CallId id;
        final boolean inbound;
        LineState state;

        Line(CallId id, boolean inbound, LineState state) {
            this.id = id;
            this.inbound = inbound;
            this.state = state;
        }
    }

    private final Provider<TelephonyEvents> events;
    private final PhoneNumberParser parser;
    private final Delays delays;
    private final Map<CallId, Line> lines = new ConcurrentHashMap<>();
    private final AtomicLong inboundIds = new AtomicLong();

    @Inject
    public SimulatedPhoneSystem(Provider<TelephonyEvents> events, PhoneNumberParser parser, Delays delays) {
        this.events = Objects.requireNonNull(events, "events");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.delays = Objects.requireNonNull(delays, "delays");
    }

    // ------------------------------------------------------------------------------------ requests from core

    @Override
    public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
        Behaviour behaviour = Behaviour.of(to.e164());
        LOG.info("{} dials {} ({}) as call {}", agent, to.e164(), behaviour, callId);
        if (behaviour == Behaviour.REFUSED) {
            throw new TelephonyException("the simulated network refuses calls to " + to.e164());
        }
        Line line = new Line(callId, false, LineState.DIALING);
        lines.put(callId, line);
        report(new ProviderEvent.Dialing(callId, from != null ? from : parser.parse(DEMO_LINE)));
        if (behaviour != Behaviour.BUSY && behaviour != Behaviour.FAILED) {
            delays.after(RINGING_AFTER, () -> {
                if (move(line, LineState.DIALING, LineState.RINGING)) {
                    report(new ProviderEvent.Ringing(callId));
                }
            });
        }
        delays.after(behaviour.outcomeAfter(), () -> {
            EndStatus failure = behaviour.failure();
            if (failure != null) {
                if (endIfLive(line, LineState.DIALING, LineState.RINGING)) {
                    report(new ProviderEvent.Ended(callId, failure));
                }
            } else if (move(line, LineState.RINGING, LineState.CONNECTED)
                    || move(line, LineState.DIALING, LineState.CONNECTED)) {
                report(new ProviderEvent.Answered(callId));
                Duration hangUp = behaviour.farEndHangsUpAfter();
                if (hangUp != null) {
                    delays.after(hangUp, () -> {
                        if (endIfLive(line, LineState.CONNECTED, LineState.HELD)) {
                            LOG.info("the far end of call {} hangs up", callId);
                            report(new ProviderEvent.Ended(callId, EndStatus.COMPLETED));
                        }
                    });
                }
            }
        });
    }

    @Override
    public void answer(CallId callId) {
        Line line = line(callId);
        if (!line.inbound || !move(line, LineState.RINGING, LineState.CONNECTED)) {
            throw new TelephonyException("call " + callId + " is not ringing here");
        }
        report(new ProviderEvent.Answered(callId));
    }

    @Override
    public void reject(CallId callId) {
        Line line = line(callId);
        if (!line.inbound || !endIfLive(line, LineState.RINGING, LineState.RINGING)) {
            throw new TelephonyException("call " + callId + " is not ringing here");
        }
        report(new ProviderEvent.Ended(callId, EndStatus.REJECTED));
    }

    @Override
    public void hangUp(CallId callId) {
        Line line = line(callId);
        LineState before;
        synchronized (line) {
            before = line.state;
            if (before == LineState.ENDED) {
                throw new TelephonyException("call " + callId + " has already ended");
            }
            line.state = LineState.ENDED;
        }
        boolean talking = before == LineState.CONNECTED || before == LineState.HELD;
        report(new ProviderEvent.Ended(callId, talking ? EndStatus.COMPLETED
                : line.inbound ? EndStatus.REJECTED : EndStatus.CANCELED));
    }

    @Override
    public void hold(CallId callId) {
        if (!move(line(callId), LineState.CONNECTED, LineState.HELD)) {
            throw new TelephonyException("call " + callId + " is not connected");
        }
        report(new ProviderEvent.Held(callId));
    }

    @Override
    public void resume(CallId callId) {
        if (!move(line(callId), LineState.HELD, LineState.CONNECTED)) {
            throw new TelephonyException("call " + callId + " is not on hold");
        }
        report(new ProviderEvent.Resumed(callId));
    }

    @Override
    public void transfer(CallId callId, String target) {
        Line line = line(callId);
        synchronized (line) {
            if (line.state != LineState.CONNECTED && line.state != LineState.HELD) {
                throw new TelephonyException("call " + callId + " is not connected");
            }
        }
        LOG.info("transferring call {} to {}", callId, target);
        delays.after(TRANSFER_TIME, () -> {
            if (endIfLive(line, LineState.CONNECTED, LineState.HELD)) {
                report(new ProviderEvent.Ended(callId, EndStatus.TRANSFERRED));
            }
        });
    }

    @Override
    public void setMuted(CallId callId, boolean muted) {
        Line line = line(callId);
        synchronized (line) {
            if (line.state == LineState.ENDED) {
                throw new TelephonyException("call " + callId + " has ended");
            }
        }
        report(new ProviderEvent.MuteChanged(callId, muted));
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
        CallId id = CallId.of("sim-in-" + inboundIds.incrementAndGet());
        Line line = new Line(id, true, LineState.RINGING);
        lines.put(id, line);
        LOG.info("{} calls {} as call {}", from.e164(), agent, id);
        CommandResult result = report(
                new ProviderEvent.Incoming(id, agent, from, parser.parse(DEMO_LINE)));
        if (result instanceof CommandResult.Rejected rejected) {
            line.state = LineState.ENDED;
            lines.remove(id);
            throw new TelephonyException("the call could not ring at " + agent + ": " + rejected.error().message());
        }
        delays.after(INBOUND_RING_TIMEOUT, () -> {
            if (endIfLive(line, LineState.RINGING, LineState.RINGING)) {
                report(new ProviderEvent.Ended(id, EndStatus.MISSED));
            }
        });
        return id;
    }

    /** Whether the simulated network still carries the call (it has not ended). */
    public boolean isLive(CallId callId) {
        Line line = lines.get(callId);
        if (line == null) {
            return false;
        }
        synchronized (line) {
            return line.state != LineState.ENDED;
        }
    }

    // ------------------------------------------------------------------------------------ internals

    private Line line(CallId callId) {
        Line line = lines.get(callId);
        if (line == null) {
            throw new TelephonyException("no call " + callId + " on the simulated network");
        }
        return line;
    }

    private static boolean move(Line line, LineState from, LineState to) {
        synchronized (line) {
            if (line.state != from) {
                return false;
            }
            line.state = to;
            return true;
        }
    }

    private static boolean endIfLive(Line line, LineState either, LineState or) {
        synchronized (line) {
            if (line.state != either && line.state != or) {
                return false;
            }
            line.state = LineState.ENDED;
            return true;
        }
    }

    private CommandResult report(ProviderEvent event) {
        CommandResult result = events.get().report(event);
        if (result instanceof CommandResult.Rejected rejected) {
            LOG.warn("core refused {}: {}", event, rejected.error().message());
        }
        return result;
    }
}
