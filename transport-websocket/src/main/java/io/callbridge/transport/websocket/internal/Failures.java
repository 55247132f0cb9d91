package io.callbridge.transport.websocket.internal;

/**
 * Unexpected exceptions as they may appear at INFO and above: their type and where they were thrown, never their
 * message, which may quote the input that caused them (a phone number, a contact's name, a note). The whole exception
 * goes to DEBUG.
 */
final class Failures {
    private Failures() {
    }

    /** E.g. {@code IllegalStateException at com.vendor.Adapter.onEvent(Adapter.java:42)}. */
    static String summary(Throwable failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        String type = failure.getClass().getName();
        return trace.length == 0 ? type : type + " at " + trace[0];
    }
}
