package io.callbridge.rest.hubspot;

/** No usable HubSpot access token for a portal; the message names the portal and the reason, never a token. */
public final class HubSpotAuthException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long portalId;

    public HubSpotAuthException(long portalId, String message) {
        super(message);
        this.portalId = portalId;
    }

    public HubSpotAuthException(long portalId, String message, Throwable cause) {
        super(message, cause);
        this.portalId = portalId;
    }

    public long portalId() {
        return portalId;
    }
}
