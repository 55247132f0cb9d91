package com.acme.phone;

// tag::keys[]
import io.callbridge.transport.websocket.TokenKey;
import io.callbridge.transport.websocket.TransportSettings;
// end::keys[]

final class TokenRotation {
    private TokenRotation() {
    }

    static TransportSettings duringRotation(byte[] currentSecret, byte[] previousSecret) {
        // tag::keys[]
        TransportSettings settings = TransportSettings.DEFAULTS
                .withTokenKeys(TokenKey.of("2026-01", currentSecret), TokenKey.of("2025-12", previousSecret));
        // end::keys[]
        return settings;
    }
}
