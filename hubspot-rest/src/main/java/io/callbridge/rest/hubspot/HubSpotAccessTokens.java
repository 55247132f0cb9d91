package io.callbridge.rest.hubspot;

/**
 * Where the REST fallback gets the access token for a HubSpot portal's API: a private app's token for a vendor with one
 * portal, or the OAuth tokens a portal granted when it installed the vendor's app (refreshed before they expire).
 * Thread-safe; called from the fallback's worker threads.
 */
public interface HubSpotAccessTokens {

    /**
     * A token valid for at least the next minute for {@code portalId}'s API.
     *
     * @throws HubSpotAuthException when there is none: the portal never installed the app, or HubSpot refused the
     *     refresh (the app was uninstalled); the message says which, without the token
     */
    String accessToken(long portalId) throws HubSpotAuthException, InterruptedException;

    /**
     * HubSpot answered 401 to {@code token} for {@code portalId}: it is not used again, and the next
     * {@link #accessToken} gets a fresh one (a refresh, for OAuth) unless another thread already did.
     */
    void refused(long portalId, String token);
}
