package io.callbridge.core.spi;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.EndStatus;
import io.callbridge.core.model.PhoneNumber;
import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the phone system reports about a call. Reports may repeat or arrive late (after the call moved on); core
 * ignores those. A provider may skip RINGING and report {@link Answered} straight after {@link Dialing}.
 */
public sealed interface ProviderEvent {
    CallId callId();

    /**
     * An inbound call rings at {@code agent}. The phone system chooses the id (e.g. {@code CallId.of(its own id)}),
     * which must not be in use.
     */
    record Incoming(CallId callId, AgentId agent, PhoneNumber from, PhoneNumber to) implements ProviderEvent {
        public Incoming {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** The phone system took up an outbound call; {@code from} is the caller id it presents, if known. */
    record Dialing(CallId callId, @Nullable PhoneNumber from) implements ProviderEvent {
        public Dialing { Objects.requireNonNull(callId, "callId"); }
    }

    /** The far end is being alerted. */
    record Ringing(CallId callId) implements ProviderEvent {
        public Ringing { Objects.requireNonNull(callId, "callId"); }
    }

    /** The call is connected. */
    record Answered(CallId callId) implements ProviderEvent {
        public Answered { Objects.requireNonNull(callId, "callId"); }
    }

    record Held(CallId callId) implements ProviderEvent {
        public Held { Objects.requireNonNull(callId, "callId"); }
    }

    record Resumed(CallId callId) implements ProviderEvent {
        public Resumed { Objects.requireNonNull(callId, "callId"); }
    }

    record MuteChanged(CallId callId, boolean muted) implements ProviderEvent {
        public MuteChanged { Objects.requireNonNull(callId, "callId"); }
    }

    /** Recording started or stopped; {@code recordingUrl} is where it can be fetched once known. */
    record RecordingChanged(CallId callId, boolean recording, @Nullable URI recordingUrl) implements ProviderEvent {
        public RecordingChanged { Objects.requireNonNull(callId, "callId"); }
    }

    /** The line is down ({@link EndStatus#TRANSFERRED} after a transfer). */
    record Ended(CallId callId, EndStatus status) implements ProviderEvent {
        public Ended {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(status, "status");
        }
    }
}
