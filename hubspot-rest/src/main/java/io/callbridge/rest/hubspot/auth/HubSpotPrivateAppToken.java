package io.callbridge.rest.hubspot.auth;

import io.callbridge.rest.hubspot.HubSpotAccessTokens;
import io.callbridge.rest.hubspot.HubSpotAuthException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A HubSpot private app's access token: one portal, one token that does not expire (HubSpot rotates it only when an
 * admin asks). A vendor serving a single portal configures it instead of OAuth. The token is never logged and never in
 * {@link #toString}. Once HubSpot has answered 401 to it ({@link #refused}) it is not used again: every later call
 * throws {@link HubSpotAuthException} telling to configure the portal's new token. Thread-safe.
 */
public final class HubSpotPrivateAppToken implements HubSpotAccessTokens {
    private final String token;
    private final long portalId;
    private final AtomicBoolean refused = new AtomicBoolean();

    /**
     * @param token the private app's access token (its settings' "Auth" tab), non-blank
     * @param portalId the id of the portal (hub) the private app belongs to, positive
     */
    public HubSpotPrivateAppToken(String token, long portalId) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("token must be a private app's access token: non-blank, without spaces "
                    + "or control characters");
        }
        if (portalId <= 0) {
            throw new IllegalArgumentException("portalId must be positive but was " + portalId);
        }
        this.token = token;
        this.portalId = portalId;
    }

    public long portalId() {
        return portalId;
    }

    @Override
    public String accessToken(long portalId) throws HubSpotAuthException {
        if (portalId != this.portalId) {
            throw new HubSpotAuthException(portalId, "no HubSpot token for portal " + portalId
                    + ": the configured private app belongs to portal " + this.portalId);
        }
        if (refused.get()) {
            throw new HubSpotAuthException(portalId, "HubSpot refused the private app token of portal " + portalId
                    + " (401): it was rotated or the app deleted; configure the portal's current token");
        }
        return token;
    }

    @Override
    public void refused(long portalId, String token) {
        if (portalId == this.portalId && this.token.equals(token)) {
            refused.set(true);
        }
    }

    @Override
    public String toString() {
        return "HubSpotPrivateAppToken[portal " + portalId + ", token ****" + (refused.get() ? ", refused" : "") + "]";
    }
}
