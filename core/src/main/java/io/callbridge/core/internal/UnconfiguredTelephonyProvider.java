package io.callbridge.core.internal;

import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.spi.TelephonyException;
import io.callbridge.core.spi.TelephonyProvider;
import jakarta.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * Bound until the vendor binds their phone system: refuses every request with a message that says what to do, so a
 * dial fails visibly instead of hanging.
 */
public final class UnconfiguredTelephonyProvider implements TelephonyProvider {
    private static final String HOW = "no phone system is configured: bind a TelephonyProvider with"
            + " OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding()";

    @Inject
    public UnconfiguredTelephonyProvider() {
    }

    @Override
    public void placeCall(CallId callId, AgentId agent, @Nullable PhoneNumber from, PhoneNumber to) {
        throw new TelephonyException(HOW);
    }

    @Override
    public void answer(CallId callId) {
        throw new TelephonyException(HOW);
    }

    @Override
    public void reject(CallId callId) {
        throw new TelephonyException(HOW);
    }

    @Override
    public void hangUp(CallId callId) {
        throw new TelephonyException(HOW);
    }

    @Override
    public void hold(CallId callId) {
        throw new TelephonyException(HOW);
    }

    @Override
    public void resume(CallId callId) {
        throw new TelephonyException(HOW);
    }

    @Override
    public void transfer(CallId callId, String target) {
        throw new TelephonyException(HOW);
    }

    @Override
    public void setMuted(CallId callId, boolean muted) {
        throw new TelephonyException(HOW);
    }
}
