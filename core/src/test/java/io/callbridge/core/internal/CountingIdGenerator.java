package io.callbridge.core.internal;

import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.IdGenerator;
import java.util.concurrent.atomic.AtomicInteger;

/** Call ids {@code call-1}, {@code call-2}, ... and how many were handed out. */
public final class CountingIdGenerator implements IdGenerator {
    private final AtomicInteger issued = new AtomicInteger();
    private volatile Runnable onIssue = () -> { };

    /** Runs {@code action} whenever an id is handed out: a deterministic way to act in the middle of a dial. */
    public void onIssue(Runnable action) {
        this.onIssue = action;
    }

    @Override
    public CallId newCallId() {
        CallId id = CallId.of("call-" + issued.incrementAndGet());
        onIssue.run();
        return id;
    }

    public int issued() {
        return issued.get();
    }
}
