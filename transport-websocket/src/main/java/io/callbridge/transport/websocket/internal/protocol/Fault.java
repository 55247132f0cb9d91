package io.callbridge.transport.websocket.internal.protocol;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An error inside a {@code result} (from the bridge) or an {@code ack} (from the server).
 *
 * @param field the field at fault, if one is
 * @param details what the CRM said, e.g. Open CTI's {@code errors} array (results only)
 */
public record Fault(String code, String message, @Nullable String field, @Nullable JsonNode details) {
    public Fault {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Checks.text("error.code", code, 64);
        Checks.text("error.message", message, 2000);
    }

    public static Fault of(String code, String message, @Nullable String field) {
        return new Fault(code, message, field, null);
    }
}
