package io.callbridge.adapter.hubspot.internal;

import java.time.Duration;

/** Runs a task after a delay. An interface so tests can move time with the injected clock instead of waiting. */
interface Timers {

    /** A scheduled task; cancelling one that already ran does nothing. */
    interface Timer {
        void cancel();
    }

    Timer schedule(Duration delay, Runnable task);
}
