package io.callbridge.core.bridge;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** How an {@link Invocation} ended. */
public sealed interface InvocationResult {

    /**
     * The CRM API method returned.
     *
     * @param valueJson what it returned, as a JSON value ({@code null} when nothing)
     * @param sessionId the frame that ran it
     */
    record Success(String valueJson, String sessionId) implements InvocationResult {
        public Success {
            Objects.requireNonNull(valueJson, "valueJson");
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * It did not succeed.
     *
     * @param detailsJson what the CRM said (e.g. Open CTI's {@code errors} array), as JSON, if anything
     * @param sessionId the frame that answered, or null for a local failure
     */
    record Failure(Kind kind, String message, @Nullable String detailsJson, @Nullable String sessionId)
            implements InvocationResult {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    enum Kind {
        /** The CRM API refused or failed; see the details. */
        CRM_ERROR,
        /** The bridge could not run the method (unknown method, bad arguments, exception in the page). */
        BRIDGE_ERROR,
        /** No frame answered in time, on any frame tried. */
        TIMEOUT,
        /** No live frame could run it. */
        NO_FRAME
    }
}
