package io.callbridge.transport.websocket;

import java.util.function.BooleanSupplier;

/** Polls a condition that another thread makes true, failing after a generous wait (never a timing assertion). */
final class Eventually {
    private Eventually() {
    }

    static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + BridgeClient.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + BridgeClient.WAIT);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
