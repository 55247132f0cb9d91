package io.callbridge.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET <staticPath>/callbridge-config.json} over real HTTP, from the settings the server was started with. */
class PageConfigEndpointIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheConfiguredUrlsNextToTheStaticFiles() throws Exception {
        TransportSettings settings = TestCallbridge.defaults().withPageConfig(PageConfig.NONE
                .withBridgeUrl("wss://bridge.acme.example/bridge/v1")
                .withSignInUrl("https://login.acme.example/softphone-signin")
                .withTokenUrl("/acme/token"));
        try (TestCallbridge app = new TestCallbridge(settings)) {
            HttpResponse<String> response = get(app, "/static/callbridge-config.json");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
            JsonNode body = BridgeClient.JSON.readTree(response.body());
            assertThat(body.get("bridgeUrl").asString()).isEqualTo("wss://bridge.acme.example/bridge/v1");
            assertThat(body.get("signInUrl").asString()).isEqualTo("https://login.acme.example/softphone-signin");
            assertThat(body.get("tokenUrl").asString()).isEqualTo("/acme/token");
            assertThat(body.size()).isEqualTo(3);

            // The static files are still served beside it.
            assertThat(get(app, "/static/callbridge/bridge-client.js").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutPageConfigTheBridgeUrlIsTheBridgePathAndNothingElseIsSaid() throws Exception {
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults().withBridgePath("/acme/bridge"))) {
            HttpResponse<String> response = get(app, "/static/callbridge-config.json");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = BridgeClient.JSON.readTree(response.body());
            assertThat(body.get("bridgeUrl").asString()).isEqualTo("/acme/bridge");
            assertThat(body.size()).isEqualTo(1);
        }
    }

    @Test
    void followsTheStaticPathAndIsServedEvenWhenNoJarShipsStaticFiles() throws Exception {
        ClassLoader empty = new URLClassLoader(new java.net.URL[0], null);
        try (TestCallbridge app = new TestCallbridge(TestCallbridge.defaults().withStaticPath("/assets"),
                new StaticFiles(empty))) {
            assertThat(get(app, "/assets/callbridge-config.json").statusCode()).isEqualTo(200);
            assertThat(get(app, "/static/callbridge-config.json").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        try (TestCallbridge app = new TestCallbridge()) {
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(app.httpUri("/static/callbridge-config.json"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(app.httpUri("/static/callbridge-config.json"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }
    }

    private HttpResponse<String> get(TestCallbridge app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(app.httpUri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
