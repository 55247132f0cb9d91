package io.callbridge.transport.websocket.internal;

import io.callbridge.core.spi.HealthCheck;
import io.callbridge.transport.websocket.HealthEndpoints;
import io.callbridge.transport.websocket.HttpRequest;
import io.callbridge.transport.websocket.HttpResponse;
import io.callbridge.transport.websocket.HttpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The liveness and readiness routes of {@link HealthEndpoints}. */
final class HealthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);
    private static final int MAX_DETAIL = 200;

    private final HealthEndpoints paths;
    private final List<HealthCheck> checks;
    private final Lifecycle lifecycle;
    private final BooleanSupplier serving;

    /** @param serving whether the server is running and not draining */
    HealthRoutes(HealthEndpoints paths, Set<HealthCheck> checks, Lifecycle lifecycle, BooleanSupplier serving) {
        this.paths = paths;
        this.checks = List.copyOf(checks);
        this.lifecycle = lifecycle;
        this.serving = serving;
    }

    List<HttpRoutesHandler.Named> routes() {
        if (!paths.enabled()) {
            return List.of();
        }
        return List.of(new HttpRoutesHandler.Named("the liveness endpoint", HttpRoute.of(paths.livePath(), this::live)),
                new HttpRoutesHandler.Named("the readiness endpoint", HttpRoute.of(paths.readyPath(), this::ready)));
    }

    private HttpResponse live(HttpRequest request) {
        if (!isGet(request)) {
            return HttpResponse.empty(405).withHeader("Allow", "GET, HEAD");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "UP");
        return noStore(HttpResponse.json(200, body.toString()));
    }

    private HttpResponse ready(HttpRequest request) {
        if (!isGet(request)) {
            return HttpResponse.empty(405).withHeader("Allow", "GET, HEAD");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode results = JsonNodeFactory.instance.objectNode();
        List<String> down = new ArrayList<>();
        Lifecycle.Phase phase = lifecycle.phase();
        if (phase != Lifecycle.Phase.NOT_REPORTED) {
            boolean started = phase == Lifecycle.Phase.STARTED;
            put(results, "services", started, started ? "up" : "services are " + phase.name().toLowerCase());
            if (!started) {
                down.add("services");
            }
        }
        boolean up = serving.getAsBoolean();
        put(results, "server", up, up ? "up" : "the bridge server is not serving (stopped or shutting down)");
        if (!up) {
            down.add("server");
        }
        for (HealthCheck check : checks) {
            HealthCheck.Status status;
            try {
                status = check.check();
            } catch (RuntimeException e) {
                LOG.debug("health check {} threw", check.name(), e);
                status = HealthCheck.Status.down("the check failed with " + e.getClass().getSimpleName());
            }
            put(results, check.name(), status.isUp(), status.detail());
            if (!status.isUp()) {
                down.add(check.name());
            }
        }
        body.put("status", down.isEmpty() ? "UP" : "DOWN");
        body.set("checks", results);
        ArrayNode notReady = body.putArray("notReady");
        down.forEach(notReady::add);
        if (!down.isEmpty()) {
            LOG.debug("not ready: {}", down);
        }
        return noStore(HttpResponse.json(down.isEmpty() ? 200 : 503, body.toString()));
    }

    private static void put(ObjectNode results, String name, boolean up, String detail) {
        ObjectNode one = results.putObject(name);
        one.put("up", up);
        one.put("detail", detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail);
    }

    private static boolean isGet(HttpRequest request) {
        return request.method().equals("GET") || request.method().equals("HEAD");
    }

    private static HttpResponse noStore(HttpResponse response) {
        return response.withHeader("Cache-Control", "no-store");
    }
}
