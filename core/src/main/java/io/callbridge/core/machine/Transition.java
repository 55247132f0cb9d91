package io.callbridge.core.machine;

import io.callbridge.core.CoreError;
import io.callbridge.core.event.CoreEvent;
import java.util.List;
import java.util.Objects;

/** The result of applying one input to one state: a pure value, with side effects described, not performed. */
public sealed interface Transition<T> {

    /**
     * The input is legal. {@code next} may equal the old state when the input only asks the phone system to act.
     *
     * @param events what to publish once {@code next} is stored
     * @param requests what to ask the phone system once {@code next} is stored
     */
    record Applied<T>(T next, List<CoreEvent> events, List<ProviderRequest> requests) implements Transition<T> {
        public Applied {
            Objects.requireNonNull(next, "next");
            events = List.copyOf(events);
            requests = List.copyOf(requests);
        }
    }

    /** The input is a duplicate or arrived late; the state stays as it is. */
    record Ignored<T>(String reason) implements Transition<T> {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The input is illegal in this state; the state stays as it is. */
    record Rejected<T>(CoreError error) implements Transition<T> {
        public Rejected {
            Objects.requireNonNull(error, "error");
        }
    }

    static <T> Transition<T> changed(T next, CoreEvent event) {
        return new Applied<>(next, List.of(event), List.of());
    }

    static <T> Transition<T> request(T unchanged, ProviderRequest request) {
        return new Applied<>(unchanged, List.of(), List.of(request));
    }

    static <T> Transition<T> ignored(String reason) {
        return new Ignored<>(reason);
    }
}
