package io.callbridge.transport.websocket.internal.protocol;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every frame of bridge protocol v1 (see {@code docs/bridge-protocol.md}). Constructors validate, naming the field
 * at fault with an {@link InvalidFrameException}, so an instance is always a frame that may go on the wire.
 */
public sealed interface BridgeFrame {

    /** Protocol version this server speaks. */
    int VERSION = 1;

    /** The {@code type} member on the wire. */
    String type();

    /** Whether a bridge may send this frame (ping/pong go both ways). */
    default boolean fromBridge() {
        return false;
    }

    /** Whether the server may send this frame. */
    default boolean fromServer() {
        return false;
    }

    // ---------------------------------------------------------------- bridge → server

    /**
     * The first frame of every session.
     *
     * @param v the protocol version the bridge speaks
     * @param resumeAfter the last {@code ui} seq the bridge saw in an earlier session, to get what it missed
     * @param attributes what else the bridge says about itself (e.g. the CRM page's origin); shown to the adapter
     */
    record Hello(int v, String token, String crm, String role, @Nullable Long resumeAfter,
            Map<String, String> attributes) implements BridgeFrame {
        public Hello {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(crm, "crm");
            Objects.requireNonNull(role, "role");
            Checks.text("token", token, 2048);
            Checks.matching("crm", crm, Checks.CRM, "1-32 lower-case letters or digits");
            Checks.matching("role", role, Checks.ROLE, "1-32 lower-case letters, digits, _ or -");
            if (resumeAfter != null) {
                Checks.nonNegative("resumeAfter", resumeAfter);
            }
            attributes = Map.copyOf(attributes);
            if (attributes.size() > 32) {
                throw new InvalidFrameException(WireError.INVALID_VALUE, "attributes", "at most 32 attributes");
            }
            attributes.forEach((k, val) -> {
                Checks.text("attributes", k, 64);
                if (val.length() > 512) {
                    throw new InvalidFrameException(WireError.INVALID_VALUE, "attributes." + k,
                            "attribute values must be at most 512 characters");
                }
            });
        }

        @Override
        public String type() {
            return "hello";
        }

        @Override
        public boolean fromBridge() {
            return true;
        }
    }

    /** The CRM raised an event in the bridge's page. */
    /**
     * @param id the bridge's own id of the event, optional: an {@code error} about the event names it in {@code ref}
     *     (else the event's name), so the bridge knows which event to send again after {@code STORE_UNAVAILABLE}
     */
    record CrmEvent(String name, JsonNode data, @Nullable String id) implements BridgeFrame {
        public CrmEvent {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
            Checks.text("name", name, 100);
            if (id != null) {
                Checks.id("id", id);
            }
        }

        public CrmEvent(String name, JsonNode data) {
            this(name, data, null);
        }

        /** What an {@code error} about this event puts in {@code ref}: its id, or its name when it has none. */
        public String ref() {
            return id != null ? id : name;
        }

        @Override
        public String type() {
            return "crmEvent";
        }

        @Override
        public boolean fromBridge() {
            return true;
        }
    }

    /** How an {@link Invoke} ended: {@code ok} with a {@code value}, or not with an {@code error}. */
    record Result(String id, boolean ok, @Nullable JsonNode value, @Nullable Fault error) implements BridgeFrame {
        /** Codes a bridge may put in a failed result. */
        public static final java.util.Set<String> ERROR_CODES = java.util.Set.of("CRM_ERROR", "BRIDGE_ERROR");

        public Result {
            Objects.requireNonNull(id, "id");
            Checks.id("id", id);
            if (ok && error != null) {
                throw new InvalidFrameException(WireError.INVALID_VALUE, "error", "a result with ok=true has no error");
            }
            if (!ok && error == null) {
                throw new InvalidFrameException(WireError.MISSING_FIELD, "error", "a result with ok=false needs error");
            }
            if (!ok && value != null) {
                throw new InvalidFrameException(WireError.INVALID_VALUE, "value", "a result with ok=false has no value");
            }
            if (error != null && !ERROR_CODES.contains(error.code())) {
                throw new InvalidFrameException(WireError.INVALID_VALUE, "error.code",
                        "error.code must be CRM_ERROR or BRIDGE_ERROR");
            }
        }

        @Override
        public String type() {
            return "result";
        }

        @Override
        public boolean fromBridge() {
            return true;
        }
    }

    /** The agent used the softphone page; answered with an {@link Ack} carrying the same id. */
    record UiAction(String id, String action, ObjectNode args) implements BridgeFrame {
        public UiAction {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(args, "args");
            Checks.id("id", id);
            Checks.text("action", action, 64);
        }

        @Override
        public String type() {
            return "uiAction";
        }

        @Override
        public boolean fromBridge() {
            return true;
        }
    }

    /** Application heartbeat; answered with a {@link Pong} carrying the same nonce. */
    record Ping(@Nullable String nonce) implements BridgeFrame {
        public Ping {
            if (nonce != null) {
                Checks.text("nonce", nonce, 64);
            }
        }

        @Override
        public String type() {
            return "ping";
        }

        @Override
        public boolean fromBridge() {
            return true;
        }

        @Override
        public boolean fromServer() {
            return true;
        }
    }

    record Pong(@Nullable String nonce) implements BridgeFrame {
        public Pong {
            if (nonce != null) {
                Checks.text("nonce", nonce, 64);
            }
        }

        @Override
        public String type() {
            return "pong";
        }

        @Override
        public boolean fromBridge() {
            return true;
        }

        @Override
        public boolean fromServer() {
            return true;
        }
    }

    // ---------------------------------------------------------------- server → bridge

    /**
     * The hello was accepted.
     *
     * @param seq the latest {@code ui} seq of the agent's stream for this CRM
     * @param resumed whether the frames missed since {@code resumeAfter} follow; if false, a fresh snapshot follows
     *     and the bridge must forget its old seq
     */
    record Welcome(String sessionId, long seq, boolean resumed) implements BridgeFrame {
        public Welcome {
            Objects.requireNonNull(sessionId, "sessionId");
            Checks.id("sessionId", sessionId);
            Checks.nonNegative("seq", seq);
        }

        @Override
        public String type() {
            return "welcome";
        }

        @Override
        public boolean fromServer() {
            return true;
        }
    }

    /** Run a CRM API method and answer with a {@link Result} of the same id (ids repeat on retries). */
    record Invoke(String id, String method, JsonNode args) implements BridgeFrame {
        public Invoke {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(args, "args");
            Checks.id("id", id);
            Checks.text("method", method, 100);
        }

        @Override
        public String type() {
            return "invoke";
        }

        @Override
        public boolean fromServer() {
            return true;
        }
    }

    /** The whole UI state of the agent; seq increases by one per snapshot of the agent's stream for this CRM. */
    record Ui(long seq, JsonNode state) implements BridgeFrame {
        public Ui {
            Objects.requireNonNull(state, "state");
            Checks.nonNegative("seq", seq);
        }

        @Override
        public String type() {
            return "ui";
        }

        @Override
        public boolean fromServer() {
            return true;
        }
    }

    /**
     * The answer to a {@link UiAction}.
     *
     * @param result {@code accepted}, {@code ignored} (nothing to do, e.g. a duplicate) or {@code rejected}
     * @param callId the call a {@code dial} created
     */
    record Ack(String id, boolean ok, String result, @Nullable String callId, @Nullable Fault error)
            implements BridgeFrame {
        public Ack {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(result, "result");
            if (ok == (error != null)) {
                throw new InvalidFrameException(WireError.INVALID_VALUE, "error", "an ack has an error exactly when !ok");
            }
        }

        @Override
        public String type() {
            return "ack";
        }

        @Override
        public boolean fromServer() {
            return true;
        }
    }

    /**
     * Something the bridge sent was refused; the session stays open.
     *
     * @param field the offending field as a dotted path, if one is at fault
     * @param ref the id or type of the frame this is about, if known
     */
    record ErrorFrame(String code, String message, @Nullable String field, @Nullable String ref)
            implements BridgeFrame {
        public ErrorFrame {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        public static ErrorFrame of(InvalidFrameException e, @Nullable String ref) {
            return new ErrorFrame(e.code().name(), e.getMessage(), e.field(), ref);
        }

        @Override
        public String type() {
            return "error";
        }

        @Override
        public boolean fromServer() {
            return true;
        }
    }
}
