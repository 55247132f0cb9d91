package io.callbridge.rest.hubspot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HubSpot's REST API for one portal at a time: bearer tokens from {@link HubSpotAccessTokens} (a 401 makes it
 * {@link HubSpotAccessTokens#refused refuse} the token and try once more with a fresh one), this node's per-portal
 * throttle before every request, and HubSpot's error body read into {@link HubSpotApiError}. Never logs a token or a
 * body. Thread-safe.
 */
final class HubSpotClient {
    private static final Logger LOG = LoggerFactory.getLogger(HubSpotClient.class);

    private final HttpClient http;
    private final HubSpotAccessTokens tokens;
    private final HubSpotRestSettings settings;
    private final PortalThrottle throttle;
    private final Clock clock;

    HubSpotClient(HttpClient http, HubSpotAccessTokens tokens, HubSpotRestSettings settings, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.throttle = new PortalThrottle(settings.requestsPerTenSeconds());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    static HttpClient defaultHttp(HubSpotRestSettings settings) {
        return HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What one request came to. */
    sealed interface Result {
        /** A 2xx. */
        record Ok(int status, String body) implements Result { }

        /** HubSpot answered with an error (after the one retry of a 401). */
        record Refused(HubSpotApiError error, @Nullable Duration retryAfter) implements Result { }

        /** No answer: the request may or may not have been performed. */
        record Unclear(String reason) implements Result { }

        /** This node's throttle holds the request back until {@code at}; nothing was sent. */
        record Throttled(Instant at) implements Result { }
    }

    Result send(long portalId, String method, String path, @Nullable String body)
            throws HubSpotAuthException, InterruptedException {
        String token = tokens.accessToken(portalId);
        Result first = once(portalId, method, path, body, token);
        if (first instanceof Result.Refused r && r.error().httpStatus() == 401) {
            LOG.debug("HubSpot portal {} refused its access token ({}); retrying once with a fresh one", portalId,
                    r.error().category());
            tokens.refused(portalId, token);
            return once(portalId, method, path, body, tokens.accessToken(portalId));
        }
        return first;
    }

    private Result once(long portalId, String method, String path, @Nullable String body, String token)
            throws InterruptedException {
        Optional<Instant> wait = throttle.tryAcquire(portalId, clock.instant());
        if (wait.isPresent()) {
            return new Result.Throttled(wait.get());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUri().toString()
                        .replaceAll("/$", "") + path))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.debug("HubSpot portal {}: {} {} got no answer: {}", portalId, method, path, e.toString());
            return new Result.Unclear(e.getClass().getSimpleName());
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Result.Ok(status, response.body());
        }
        HubSpotApiError error = Wire.error(status, response.body());
        LOG.debug("HubSpot portal {}: {} {} refused: {}", portalId, method, path, error.summary());
        return new Result.Refused(error, retryAfter(response));
    }

    private static @Nullable Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return seconds > 0 ? Duration.ofSeconds(seconds) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }
}
