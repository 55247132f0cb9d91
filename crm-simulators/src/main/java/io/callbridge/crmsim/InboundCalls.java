package io.callbridge.crmsim;

/**
 * The host pages' "Ring me" control (and {@code window.__sim.ring(from)}): an inbound call from {@code from} rings at
 * the agent. The simulators cannot ring a vendor's phone system themselves, so the vendor (or the demo) says how;
 * without it the control is hidden and {@code POST /sim/ring} answers 404.
 */
@FunctionalInterface
public interface InboundCalls {
    /**
     * Rings {@code agent} (the host page's {@code ?agent=}) with a call from {@code from} (as typed, not normalised);
     * returns the call's id. An exception refuses the call: the host page shows its message (HTTP 409).
     */
    String ring(String agent, String from) throws Exception;
}
