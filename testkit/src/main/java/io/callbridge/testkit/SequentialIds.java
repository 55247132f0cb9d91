package io.callbridge.testkit;

import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.IdGenerator;
import java.util.concurrent.atomic.AtomicLong;

/** Call ids {@code call-1}, {@code call-2}, ... so tests can name them. */
public final class SequentialIds implements IdGenerator {
    private final AtomicLong next = new AtomicLong();

    @Override
    public CallId newCallId() {
        return CallId.of("call-" + next.incrementAndGet());
    }
}
