package io.callbridge.crmsim.rest.hubspot;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens a simulated HubSpot accepts, shared by the simulated API endpoints (which check them) and the
 * simulated OAuth endpoint or a test (which issue them). Thread-safe.
 */
public final class HubSpotPortalTokens {
    private final Clock clock;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    public HubSpotPortalTokens(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one token grants: a portal's API until {@code expiresAt}. */
    public record Grant(long portalId, Instant expiresAt) { }

    /** What a request's bearer token comes to. */
    public sealed interface Check {
        record Valid(long portalId) implements Check { }

        record Expired(long portalId) implements Check { }

        record Unknown() implements Check { }
    }

    /** Accepts {@code token} for {@code portalId}'s API until {@code expiresAt}. */
    public void accept(String token, long portalId, Instant expiresAt) {
        grants.put(Objects.requireNonNull(token, "token"), new Grant(portalId, expiresAt));
    }

    /** Accepts {@code token} for {@code portalId}'s API for good, as a private app's token is. */
    public void acceptForever(String token, long portalId) {
        accept(token, portalId, Instant.MAX);
    }

    /** Stops accepting {@code token} (revoked, or the app uninstalled). */
    public void revoke(String token) {
        grants.remove(token);
    }

    public Check check(String token) {
        Grant grant = grants.get(token);
        if (grant == null) {
            return new Check.Unknown();
        }
        return clock.instant().isBefore(grant.expiresAt()) ? new Check.Valid(grant.portalId())
                : new Check.Expired(grant.portalId());
    }

    public Optional<Grant> grant(String token) {
        return Optional.ofNullable(grants.get(token));
    }
}
