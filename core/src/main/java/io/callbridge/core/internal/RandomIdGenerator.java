package io.callbridge.core.internal;

import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.IdGenerator;
import jakarta.inject.Inject;
import java.util.UUID;

/** Random call ids: unique across nodes without coordination. */
public final class RandomIdGenerator implements IdGenerator {
    @Inject
    public RandomIdGenerator() {
    }

    @Override
    public CallId newCallId() {
        return CallId.of("cb-" + UUID.randomUUID());
    }
}
