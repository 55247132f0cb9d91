package io.callbridge.testkit.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting helpers the topologies share. */
final class Topologies {
    private Topologies() {
    }

    /** Polls {@code condition} every 50 ms until it holds; fails with {@code what} after {@code timeout}. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                last = notYet;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last == null ? "" : " (last: " + last.getMessage() + ")"), last);
    }

    /** The value of {@code field} in an {@code INFO} reply, or "" if absent. */
    static String info(Object reply, String field) {
        for (String line : String.valueOf(reply).split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "";
    }
}
