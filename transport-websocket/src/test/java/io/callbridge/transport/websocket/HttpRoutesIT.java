package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.bridge.CrmBridge;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.spi.HealthCheck;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The vendor's HTTP routes and the health endpoints, on the bridge server's own port, through real HTTP requests. */
class HttpRoutesIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static CallbridgeLauncher.Running start(TransportSettings settings, Module extra) {
        return CallbridgeLauncher.start(new CoreModule(), new WebSocketTransportModule(), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding()
                        .toInstance(settings.withTokenKeys(TokenKey.of(AgentTokens.DEFAULT_KEY_ID,
                                TestCallbridge.SECRET), null));
                OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding()
                        .toInstance(new InMemoryPhoneSystem());
                MapBinder.newMapBinder(binder(), String.class, CrmBridge.class).addBinding(FakeCrmBridge.CRM)
                        .toInstance(new FakeCrmBridge());
            }
        }, extra);
    }

    private static Module routes(HttpRoute... routes) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder<HttpRoute> set = Multibinder.newSetBinder(binder(), HttpRoute.class);
                for (HttpRoute route : routes) {
                    set.addBinding().toInstance(route);
                }
            }
        };
    }

    private static java.net.http.HttpResponse<String> get(CallbridgeLauncher.Running app, String path)
            throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(uri(app, path)).timeout(Duration.ofSeconds(20)).build(),
                BodyHandlers.ofString());
    }

    private static URI uri(CallbridgeLauncher.Running app, String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    @Test
    void aVendorRouteGetsTheWholeRequestAndItsAnswerGoesBackAsItIs() throws Exception {
        AtomicReference<HttpRequest> seen = new AtomicReference<>();
        HttpRoute pbx = HttpRoute.of("/pbx", request -> {
            seen.set(request);
            return HttpResponse.json(202, "{\"taken\":true}").withHeader("X-Pbx", "yes");
        });
        try (CallbridgeLauncher.Running app = start(TestCallbridge.defaults(), routes(pbx))) {
            var response = HTTP.send(java.net.http.HttpRequest.newBuilder(uri(app, "/pbx/calls/42?event=answered&x=1"))
                    .header("X-Signature", "abc").POST(BodyPublishers.ofString("{\"call\":42}"))
                    .timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.body()).isEqualTo("{\"taken\":true}");
            assertThat(response.headers().firstValue("X-Pbx")).contains("yes");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            HttpRequest request = seen.get();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/pbx/calls/42");
            assertThat(request.pathInRoute()).isEqualTo("/calls/42");
            assertThat(request.queryParameter("event")).isEqualTo("answered");
            assertThat(request.header("x-SIGNATURE")).isEqualTo("abc");
            assertThat(request.bodyText()).isEqualTo("{\"call\":42}");
            assertThat(request.remoteAddress()).isEqualTo("127.0.0.1");

            assertThat(get(app, "/pbx").statusCode()).isEqualTo(202);
            assertThat(seen.get().pathInRoute()).isEmpty();
            // Only the prefix's own segments: a longer name is someone else's path.
            assertThat(get(app, "/pbxes").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anEndpointThatFailsGets500AndABodyAboveTheLimitGets413WithoutCallingIt() throws Exception {
        AtomicReference<Integer> calls = new AtomicReference<>(0);
        HttpRoute failing = HttpRoute.of("/fails", request -> {
            throw new IllegalStateException("the directory is down");
        });
        HttpRoute counting = HttpRoute.of("/hooks", request -> {
            calls.set(calls.get() + 1);
            return HttpResponse.empty(204);
        });
        try (CallbridgeLauncher.Running app = start(TestCallbridge.defaults(), routes(failing, counting))) {
            assertThat(get(app, "/fails").statusCode()).isEqualTo(500);
            // Refused from its Content-Length, before the body is read: the client may still be writing when the
            // server answers and closes, and then sees the connection closed instead of the 413.
            try {
                var big = HTTP.send(java.net.http.HttpRequest.newBuilder(uri(app, "/hooks"))
                        .POST(BodyPublishers.ofByteArray(new byte[HttpRequest.MAX_BODY_BYTES + 1]))
                        .timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
                assertThat(big.statusCode()).isEqualTo(413);
            } catch (java.io.IOException closedWhileSending) {
                assertThat(closedWhileSending).isNotInstanceOf(java.net.http.HttpTimeoutException.class);
            }
            assertThat(calls.get()).isZero();
            assertThat(get(app, "/hooks").statusCode()).isEqualTo(204);
            assertThat(calls.get()).isEqualTo(1);
            // The bridge and its neighbours still work.
            assertThat(get(app, "/static/none.txt").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void overlappingPathsFailTheStartNamingBoth() {
        HttpEndpoint ok = request -> HttpResponse.empty(204);
        assertThatThrownBy(() -> start(TestCallbridge.defaults(), routes(HttpRoute.of("/bridge", ok))))
                .hasMessageContaining("at /bridge clashes with the bridge WebSocket at /bridge/v1");
        assertThatThrownBy(() -> start(TestCallbridge.defaults(), routes(HttpRoute.of("/static/mine", ok))))
                .hasMessageContaining("at /static/mine clashes with the static files at /static");
        assertThatThrownBy(() -> start(TestCallbridge.defaults(), routes(HttpRoute.of("/health", ok))))
                .hasMessageContaining("the liveness endpoint at /health/live clashes with the HttpRoute");
        assertThatThrownBy(() -> start(TestCallbridge.defaults(),
                routes(HttpRoute.of("/pbx", ok), HttpRoute.of("/pbx/hooks", ok))))
                .hasMessageContaining("at /pbx clashes with the HttpRoute")
                .hasMessageContaining("at /pbx/hooks");
        assertThatThrownBy(() -> start(TestCallbridge.defaults().withDemoMode(true),
                routes(HttpRoute.of("/demo", ok))))
                .hasMessageContaining("clashes with the demo token endpoint at /demo/token");
        assertThatThrownBy(() -> HttpRoute.of("/", ok)).hasMessageContaining("not / itself");
        assertThatThrownBy(() -> HttpRoute.of("/pbx/", ok)).hasMessageContaining("'/pbx/'");
    }

    @Test
    void liveAndReadyAnswerAndReadinessNamesTheCheckThatIsDown() throws Exception {
        AtomicReference<HealthCheck.Status> pbx = new AtomicReference<>(HealthCheck.Status.up());
        Module checks = new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().toInstance(new HealthCheck() {
                    @Override
                    public String name() {
                        return "pbx";
                    }

                    @Override
                    public Status check() {
                        return pbx.get();
                    }
                });
            }
        };
        try (CallbridgeLauncher.Running app = start(TestCallbridge.defaults(), checks)) {
            var live = get(app, "/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(BridgeClient.JSON.readTree(live.body()).path("status").asString()).isEqualTo("UP");

            var ready = get(app, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode body = BridgeClient.JSON.readTree(ready.body());
            assertThat(body.path("status").asString()).isEqualTo("UP");
            assertThat(body.path("checks").path("store").path("up").asBoolean()).isTrue();
            assertThat(body.path("checks").path("services").path("up").asBoolean()).isTrue();
            assertThat(body.path("checks").path("server").path("up").asBoolean()).isTrue();
            assertThat(body.path("checks").path("pbx").path("up").asBoolean()).isTrue();
            assertThat(body.path("notReady")).isEmpty();

            pbx.set(HealthCheck.Status.down("the PBX API did not answer"));
            var notReady = get(app, "/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            JsonNode down = BridgeClient.JSON.readTree(notReady.body());
            assertThat(down.path("status").asString()).isEqualTo("DOWN");
            assertThat(down.path("notReady").toString()).isEqualTo("[\"pbx\"]");
            assertThat(down.path("checks").path("pbx").path("detail").asString())
                    .isEqualTo("the PBX API did not answer");
            assertThat(get(app, "/health/live").statusCode()).isEqualTo(200);

            var post = HTTP.send(java.net.http.HttpRequest.newBuilder(uri(app, "/health/ready"))
                    .POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void healthPathsAreConfigurableAndCanBeSwitchedOff() throws Exception {
        Module moved = new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), HealthEndpoints.class).setBinding()
                        .toInstance(HealthEndpoints.at("/livez", "/readyz"));
            }
        };
        try (CallbridgeLauncher.Running app = start(TestCallbridge.defaults(), moved)) {
            assertThat(get(app, "/livez").statusCode()).isEqualTo(200);
            assertThat(get(app, "/readyz").statusCode()).isEqualTo(200);
            assertThat(get(app, "/health/live").statusCode()).isEqualTo(404);
        }
        Module off = new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), HealthEndpoints.class).setBinding()
                        .toInstance(HealthEndpoints.DISABLED);
            }
        };
        try (CallbridgeLauncher.Running app = start(TestCallbridge.defaults(), off)) {
            assertThat(get(app, "/health/ready").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void readinessSays503NamingTheServicesWhileALaterServiceIsStillStarting() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Module slow = new AbstractModule() {
            @Override
            protected void configure() {
                // Bound after the transport's server, as an adapter's or a vendor's service would be.
                Multibinder.newSetBinder(binder(), io.callbridge.core.Service.class).addBinding().toInstance(
                        new io.callbridge.core.Service() {
                            @Override
                            public void start() {
                                try {
                                    release.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }

                            @Override
                            public void stop() {
                            }
                        });
            }
        };
        java.util.concurrent.CompletableFuture<CallbridgeLauncher.Running> started =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> start(TestCallbridge.defaults().withPort(port), slow));
        URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
        java.net.http.HttpResponse<String> whileStarting = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // The first answers may also name the server itself, which is listening a moment before it calls itself
        // started; asked again until it no longer does, while the slow service still holds the start.
        while ((whileStarting == null || BridgeClient.JSON.readTree(whileStarting.body()).path("notReady").toString()
                .contains("\"server\"")) && System.nanoTime() < deadline) {
            try {
                whileStarting = HTTP.send(java.net.http.HttpRequest.newBuilder(ready)
                        .timeout(Duration.ofSeconds(5)).build(), BodyHandlers.ofString());
            } catch (java.io.IOException notListeningYet) {
                whileStarting = null;
            }
            Thread.sleep(20);
        }
        try {
            assertThat(whileStarting).isNotNull();
            assertThat(whileStarting.statusCode()).isEqualTo(503);
            JsonNode body = BridgeClient.JSON.readTree(whileStarting.body());
            assertThat(body.path("notReady").toString()).isEqualTo("[\"services\"]");
            assertThat(body.path("checks").path("services").path("detail").asString())
                    .isEqualTo("services are starting");
        } finally {
            release.countDown();
        }
        try (CallbridgeLauncher.Running app = started.get(30, java.util.concurrent.TimeUnit.SECONDS)) {
            assertThat(get(app, "/health/ready").statusCode()).isEqualTo(200);
        }
    }
}
