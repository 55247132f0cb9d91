package io.callbridge.samples.phone;

import java.time.Duration;

/**
 * Runs a task after a delay. The demo uses a real timer thread ({@link ExecutorDelays}); tests use one driven by a fake
 * clock, so the phone system's timing is checked without waiting.
 */
@FunctionalInterface
public interface Delays {
    void after(Duration delay, Runnable task);
}
