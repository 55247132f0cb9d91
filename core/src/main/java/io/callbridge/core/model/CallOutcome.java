package io.callbridge.core.model;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the agent records about a finished call. Dispositions are the vendor's own codes; each adapter maps them to
 * its CRM's values by configuration.
 */
public record CallOutcome(@Nullable String disposition, @Nullable String notes, @Nullable URI recordingUrl) {
    public static final CallOutcome NONE = new CallOutcome(null, null, null);

    public CallOutcome withRecordingUrl(@Nullable URI url) {
        return Objects.equals(url, recordingUrl) ? this : new CallOutcome(disposition, notes, url);
    }
}
