package io.callbridge.core;

import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.event.SequencedEvent;
import io.callbridge.core.model.Call;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What became of a command or a provider event. */
public sealed interface CommandResult {

    /** Done. {@code events} are what it published (empty when it only asked the phone system to act). */
    record Accepted(List<SequencedEvent> events) implements CommandResult {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /** Nothing to do: a duplicate, or an event that arrived after the call had moved on. Not an error. */
    record Ignored(String reason) implements CommandResult {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Refused; nothing changed. */
    record Rejected(CoreError error) implements CommandResult {
        public Rejected {
            Objects.requireNonNull(error, "error");
        }
    }

    default boolean isRejected() {
        return this instanceof Rejected;
    }

    /** The call a {@code Dial} (or an incoming-call report) created, if this result created one. */
    default Optional<Call> createdCall() {
        if (this instanceof Accepted accepted) {
            for (SequencedEvent e : accepted.events()) {
                if (e.event() instanceof CoreEvent.CallCreated created) {
                    return Optional.of(created.call());
                }
            }
        }
        return Optional.empty();
    }
}
