package io.callbridge.core.bridge;

/**
 * An adapter's handler for one agent's frames of one CRM. The transport calls these methods one at a time for a
 * given handler (never concurrently), from its own threads; implementations must not block for long.
 *
 * <p>Input from a bridge is untrusted: a handler that finds a payload invalid throws {@link BridgeInputException}
 * naming the field, which the transport answers with a typed error; the handler must have changed nothing.
 */
public interface AgentBridge {

    /** A frame of the agent connected (or reconnected under a new session). */
    void frameJoined(FrameInfo frame);

    /** A frame disconnected; invocations it had in flight are retried by the transport where allowed. */
    void frameLeft(FrameInfo frame);

    /**
     * The CRM raised an event in {@code frame} (e.g. HubSpot's {@code DIAL_NUMBER}, Open CTI's {@code onClickToDial}).
     *
     * @param name the CRM's event name
     * @param payloadJson the event's data as a JSON value (object, array, or literal)
     * @throws BridgeInputException if the event is unknown or its payload is invalid
     */
    void crmEvent(FrameInfo frame, String name, String payloadJson);

    /** The agent's last frame of this CRM is gone: release what {@link CrmBridge#attach} acquired. */
    void close();
}
