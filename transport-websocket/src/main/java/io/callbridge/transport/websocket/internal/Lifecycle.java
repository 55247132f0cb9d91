package io.callbridge.transport.websocket.internal;

/**
 * Where the application is in its start and stop, as the launcher reports it, for readiness: a node is not ready while
 * its services are still starting or already stopping. An application started without {@code CallbridgeLauncher}
 * reports nothing, and readiness then rests on the server and the health checks alone.
 */
public final class Lifecycle {

    /** What the launcher said last. */
    public enum Phase { NOT_REPORTED, STARTING, STARTED, STOPPING }

    private volatile Phase phase = Phase.NOT_REPORTED;

    public Phase phase() {
        return phase;
    }

    public void starting() {
        phase = Phase.STARTING;
    }

    public void started() {
        phase = Phase.STARTED;
    }

    public void stopping() {
        phase = Phase.STOPPING;
    }
}
