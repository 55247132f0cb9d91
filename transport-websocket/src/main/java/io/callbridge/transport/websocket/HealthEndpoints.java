package io.callbridge.transport.websocket;

import java.util.Objects;

/**
 * Where the bridge server answers health probes. {@link #DEFAULTS}: on, at {@code /health/live} and
 * {@code /health/ready}; bind a replacement with {@code OptionalBinder.newOptionalBinder(binder(),
 * HealthEndpoints.class).setBinding().toInstance(...)}.
 *
 * <ul>
 *   <li><b>live</b>: 200 while the process serves HTTP at all (a liveness probe restarts a process that does not).
 *   <li><b>ready</b>: 200 when every service has started, the server is not shutting down and every core
 *       {@code HealthCheck} (the state store's among them) is up; else 503, with a JSON body naming each check and
 *       what is not ready. A readiness probe takes the node out of the load balancer while it says 503.
 * </ul>
 * Both answer {@code GET} (and {@code HEAD}) with {@code Cache-Control: no-store} and need no token: they tell nothing
 * but up or down and the names of the checks. Put them behind the proxy's internal listener if even that is too much.
 *
 * @param enabled whether the server answers them
 * @param livePath the liveness path
 * @param readyPath the readiness path
 */
public record HealthEndpoints(boolean enabled, String livePath, String readyPath) {

    public static final HealthEndpoints DEFAULTS = new HealthEndpoints(true, "/health/live", "/health/ready");

    /** No health endpoints. */
    public static final HealthEndpoints DISABLED = new HealthEndpoints(false, "/health/live", "/health/ready");

    public HealthEndpoints {
        // The same rules as a vendor's route, so that clashes are found the same way.
        HttpRoute.of(Objects.requireNonNull(livePath, "livePath"), request -> HttpResponse.empty(204));
        HttpRoute.of(Objects.requireNonNull(readyPath, "readyPath"), request -> HttpResponse.empty(204));
        if (livePath.equals(readyPath)) {
            throw new IllegalArgumentException("livePath and readyPath must differ but both are " + livePath);
        }
    }

    public static HealthEndpoints at(String livePath, String readyPath) {
        return new HealthEndpoints(true, livePath, readyPath);
    }
}
