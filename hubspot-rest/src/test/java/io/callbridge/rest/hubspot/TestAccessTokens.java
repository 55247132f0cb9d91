package io.callbridge.rest.hubspot;

import io.callbridge.crmsim.rest.hubspot.HubSpotPortalTokens;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tokens as an auth module would hand them out, issued into the simulator's {@link HubSpotPortalTokens}: a refused
 * token is replaced by a fresh one (a refresh).
 */
final class TestAccessTokens implements HubSpotAccessTokens {
    private final HubSpotPortalTokens accepted;
    private final Map<Long, String> current = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    final AtomicInteger refusals = new AtomicInteger();

    TestAccessTokens(HubSpotPortalTokens accepted) {
        this.accepted = accepted;
    }

    /** Hands out a token for {@code portalId} that the simulator already considers expired. */
    void expiredFor(long portalId) {
        String token = "expired-" + issued.incrementAndGet();
        accepted.accept(token, portalId, Instant.EPOCH);
        current.put(portalId, token);
    }

    private final java.util.Set<Long> uninstalled = ConcurrentHashMap.newKeySet();

    /** {@code portalId} uninstalled the app: no token any more. */
    void uninstalled(long portalId) {
        uninstalled.add(portalId);
    }

    @Override
    public String accessToken(long portalId) throws HubSpotAuthException {
        if (uninstalled.contains(portalId)) {
            throw new HubSpotAuthException(portalId, "portal " + portalId + " uninstalled the app");
        }
        return current.computeIfAbsent(portalId, this::issue);
    }

    @Override
    public void refused(long portalId, String token) {
        refusals.incrementAndGet();
        current.remove(portalId, token);
    }

    private String issue(long portalId) {
        String token = "token-" + portalId + "-" + issued.incrementAndGet();
        accepted.acceptForever(token, portalId);
        return token;
    }
}
