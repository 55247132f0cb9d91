package io.callbridge.operations.internal;

import io.callbridge.transport.websocket.HttpEndpoint;
import io.callbridge.transport.websocket.HttpRequest;
import io.callbridge.transport.websocket.HttpResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The Prometheus text exposition of a registry, for {@code GET}. */
public final class PrometheusEndpoint implements HttpEndpoint {
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public PrometheusEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return HttpResponse.empty(405).withHeader("Allow", "GET, HEAD");
        }
        if (!request.pathInRoute().isEmpty()) {
            return HttpResponse.empty(404);
        }
        return new HttpResponse(200, Map.of("Content-Type", TEXT_FORMAT, "Cache-Control", "no-store"),
                registry.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
