package io.callbridge.transport.websocket.internal.protocol;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A frame the server cannot accept, with the wire error code and the field at fault, so the bridge's developer sees
 * exactly what to fix.
 */
public final class InvalidFrameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final WireError code;
    private final @Nullable String field;

    public InvalidFrameException(WireError code, @Nullable String field, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    public WireError code() {
        return code;
    }

    /** The offending field as a dotted path from the frame's root, e.g. {@code args.callId}; null for the whole frame. */
    public @Nullable String field() {
        return field;
    }
}
