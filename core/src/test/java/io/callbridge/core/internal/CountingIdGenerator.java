package io.callbridge.core.internal;

import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.IdGenerator;
import java.util.concurrent.atomic.AtomicInteger;

/** Call ids {@code call-1}, {@code call-2}, ... and how many were handed out. */
public final class CountingIdGenerator implements IdGenerator {
    private final AtomicInteger issued = new AtomicInteger();

    @Override
    public CallId newCallId() {
        return CallId.of("call-" + issued.incrementAndGet());
    }

    public int issued() {
        return issued.get();
    }
}
