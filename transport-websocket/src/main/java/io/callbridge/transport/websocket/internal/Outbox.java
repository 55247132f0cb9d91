package io.callbridge.transport.websocket.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The bounded, ordered send queue of one session. Exactly one frame is being written at a time, so frames reach
 * the bridge in the order they were offered. At most one UI snapshot waits: each is the whole state, so a newer one
 * replaces the one waiting (and goes behind what was queued since, so it never overtakes an invocation the event
 * caused). A reader that stops keeps one snapshot in memory, not a backlog, and gets one when it reads again. If other
 * frames pile up past the limit the session is closed with 1013; a write that makes no progress is reported by
 * {@link #stalled}.
 */
final class Outbox {

    /** Where frames go; implemented over a Jetty session. Callbacks may run on any thread, even inside the call. */
    interface Sink {
        void sendText(String text, Runnable written, Consumer<Throwable> failed);

        void close(int code, String reason);
    }

    private record Entry(String text, boolean snapshot) { }

    private final Sink sink;
    private final int limit;
    private final Runnable writePending;
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    /** When the write in progress started ({@link System#nanoTime()}); read without the lock by {@link #stalled}. */
    private volatile long writeStarted;
    private volatile boolean inFlight;
    private boolean writing;
    private boolean inWrite;
    private boolean completedInline;
    private boolean closed;
    private @Nullable Runnable whenDrained;

    Outbox(Sink sink, int limit) {
        this(sink, limit, () -> { });
    }

    /**
     * @param writePending told, after the write has started, when a write did not complete inside the sink's call, so
     *     that whoever checks for stalled writes ({@link #stalled}) need only look at outboxes that were told so
     */
    Outbox(Sink sink, int limit, Runnable writePending) {
        this.sink = sink;
        this.limit = limit;
        this.writePending = writePending;
    }

    /** Queues a frame; {@code snapshot} marks a UI snapshot that a newer one may replace while both wait. */
    void offer(String text, boolean snapshot) {
        boolean overflow = false;
        synchronized (this) {
            if (closed || whenDrained != null) {
                return;
            }
            if (snapshot) {
                for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
                    if (it.next().snapshot()) {
                        it.remove();
                        break;
                    }
                }
            }
            if (queue.size() >= limit) {
                closed = true;
                queue.clear();
                overflow = true;
            } else {
                queue.add(new Entry(text, snapshot));
                if (writing) {
                    return;
                }
                writing = true;
            }
        }
        if (overflow) {
            sink.close(CloseCodes.TRY_AGAIN_LATER, "too slow: send queue full");
            return;
        }
        pump();
    }

    /** Writes what is queued, then runs {@code then} (e.g. a close); offers after this are dropped. */
    void drainThen(Runnable then) {
        boolean now;
        synchronized (this) {
            if (closed) {
                return;
            }
            whenDrained = then;
            now = !writing && queue.isEmpty();
            if (now) {
                closed = true;
            }
        }
        if (now) {
            then.run();
        }
    }

    /** Drops what is queued; the connection is gone. */
    synchronized void discard() {
        closed = true;
        queue.clear();
    }

    synchronized int queued() {
        return queue.size();
    }

    /**
     * Whether a write has been in progress for {@code timeoutNanos} or more at {@code nowNanos}: the bridge reads nothing
     * (or too little to take one frame), whatever else it still sends, e.g. pings.
     */
    boolean stalled(long nowNanos, long timeoutNanos) {
        return inFlight && nowNanos - writeStarted >= timeoutNanos;
    }

    /** Whether a write has started and not yet completed or failed. */
    boolean writeInFlight() {
        return inFlight;
    }

    private void pump() {
        while (true) {
            Entry next;
            Runnable drained = null;
            synchronized (this) {
                next = closed ? null : queue.poll();
                if (next == null) {
                    writing = false;
                    if (!closed && whenDrained != null) {
                        closed = true;
                        drained = whenDrained;
                    }
                } else {
                    inWrite = true;
                    completedInline = false;
                    writeStarted = System.nanoTime();
                    inFlight = true;
                }
            }
            if (next == null) {
                if (drained != null) {
                    drained.run();
                }
                return;
            }
            sink.sendText(next.text(), this::written, this::failed);
            boolean pending;
            synchronized (this) {
                inWrite = false;
                // If the write completes later, its callback continues the pump. Looping instead of recursing keeps
                // the stack flat when writes complete inline.
                pending = !completedInline;
            }
            if (pending) {
                writePending.run();
                return;
            }
        }
    }

    private void written() {
        inFlight = false;
        synchronized (this) {
            if (inWrite) {
                completedInline = true;
                return;
            }
        }
        pump();
    }

    private void failed(Throwable cause) {
        // A failed write means the connection is broken; Jetty reports the close separately.
        inFlight = false;
        discard();
        synchronized (this) {
            writing = false;
        }
    }
}
