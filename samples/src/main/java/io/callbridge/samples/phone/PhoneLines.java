package io.callbridge.samples.phone;

import io.callbridge.core.model.CallId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where the {@link SimulatedPhoneSystem} keeps the calls it carries ("lines"): in this process
 * ({@link #inMemory()}), or in Redis ({@link RedisPhoneLines}), so that they outlive a demo node as a real phone
 * system's calls outlive callbridge, and several demo nodes on one Redis see the same network. An ended line is
 * removed. Every change is a compare-and-set on the line's state, so two nodes' timers for the same line (or a timer
 * racing an agent's request) change it once.
 */
public interface PhoneLines {

    /** A live line's state; a line that ended is gone. */
    enum State { DIALING, RINGING, CONNECTED, HELD }

    /** Every state: a line in one of them is live. */
    Set<State> LIVE = Set.of(State.values());

    /**
     * One call on the simulated network.
     *
     * @param behaviour what the dialled number does by itself; null for an inbound call
     */
    record Line(CallId id, SimulatedPhoneSystem.@Nullable Behaviour behaviour, State state) {
        public Line {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(state, "state");
        }

        public boolean inbound() {
            return behaviour == null;
        }
    }

    /** Adds a new line; false if one with its id is already there. */
    boolean add(Line line);

    Optional<Line> get(CallId id);

    /** Moves the line to {@code to} if it is in one of {@code from}; false if it is not (or is gone). */
    boolean move(CallId id, Set<State> from, State to);

    /** Ends (removes) the line if it is in one of {@code from}; the state it had, or empty if it was not. */
    Optional<State> end(CallId id, Set<State> from);

    /** Every live line. */
    List<Line> all();

    /** A number for an inbound call's id that no node of this network used before. */
    long nextInboundNumber();

    /** Lines that live and die with this process. */
    static PhoneLines inMemory() {
        return new InMemoryPhoneLines();
    }
}
