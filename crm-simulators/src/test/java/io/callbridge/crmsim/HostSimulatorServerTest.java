package io.callbridge.crmsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator server over real HTTP: what the host pages learn, the token and ring controls, the settings. */
class HostSimulatorServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<HostSimulatorServer> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(HostSimulatorServer::stop);
    }

    private String base(HostSimulatorServer.Builder builder) {
        HostSimulatorServer server = builder.build();
        server.start();
        started.add(server);
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_pages_learn_each_crms_softphone_url_and_origin_and_which_controls_exist() throws Exception {
        String base = base(HostSimulatorServer.builder()
                .hubspotSoftphone("https://phone.acme.example/app/hubspot.html?region=eu")
                .salesforceSoftphone("https://phone.acme.example:8443/static/salesforce/softphone.html"));

        String config = get(base + "/sim/config.js").body();

        assertThat(config).contains("hubspot: Object.freeze({softphoneUrl: "
                + "\"https://phone.acme.example/app/hubspot.html?region=eu\", softphoneOrigin: "
                + "\"https://phone.acme.example\"})");
        assertThat(config).contains("salesforce: Object.freeze({softphoneUrl: "
                + "\"https://phone.acme.example:8443/static/salesforce/softphone.html\", softphoneOrigin: "
                + "\"https://phone.acme.example:8443\"})");
        assertThat(config).contains("tokens: false").contains("inboundCalls: false");
        assertThat(get(base + "/hubspot/").body()).contains("HubSpot host simulator");
        assertThat(get(base + "/salesforce/").body()).contains("Salesforce host simulator");
        assertThat(get(base + "/support/api/62.0/lightning/opencti_min.js").body()).contains("sforce");
        assertThat(get(base + "/hubspot/calling-extensions-sdk.js").statusCode()).isEqualTo(200);
    }

    @Test
    void tokens_come_from_the_vendors_token_source_for_the_agent_and_crm() throws Exception {
        String base = base(HostSimulatorServer.builder().softphoneOrigin("https://phone.acme.example")
                .tokens((agent, crm) -> {
                    if (agent.equals("mallory")) {
                        throw new IllegalStateException("mallory may not sign in");
                    }
                    return "token-for-" + agent + "-in-" + crm;
                }));

        assertThat(get(base + "/sim/config.js").body()).contains("tokens: true");
        HttpResponse<String> ok = get(base + "/sim/token?agent=alice&crm=salesforce");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"token\":\"token-for-alice-in-salesforce\"}");
        assertThat(ok.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> refused = get(base + "/sim/token?agent=mallory&crm=hubspot");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("mallory may not sign in");
        assertThat(get(base + "/sim/token?agent=alice&crm=zendesk").statusCode()).isEqualTo(400);
        assertThat(get(base + "/sim/token?agent=al%20ice&crm=hubspot").statusCode()).isEqualTo(400);
        assertThat(post(base + "/sim/token?agent=alice&crm=hubspot").statusCode()).isEqualTo(405);
    }

    @Test
    void without_a_token_source_or_ring_hook_their_endpoints_do_not_exist() throws Exception {
        String base = base(HostSimulatorServer.builder().softphoneOrigin("http://127.0.0.1:8080"));

        assertThat(get(base + "/sim/token?agent=alice&crm=hubspot").statusCode()).isEqualTo(404);
        assertThat(post(base + "/sim/ring?agent=alice&from=%2B14155550100").statusCode()).isEqualTo(404);
    }

    @Test
    void ring_me_goes_through_the_inbound_call_hook_and_a_refusal_shows_its_message() throws Exception {
        List<String> rung = new ArrayList<>();
        String base = base(HostSimulatorServer.builder().softphoneOrigin("http://127.0.0.1:8080")
                .inboundCalls((agent, from) -> {
                    if (from.equals("nobody")) {
                        throw new IllegalArgumentException("not a phone number: nobody");
                    }
                    rung.add(agent + " <- " + from);
                    return "call-7";
                }));

        assertThat(get(base + "/sim/config.js").body()).contains("inboundCalls: true");
        HttpResponse<String> ok = post(base + "/sim/ring?agent=bob&from=%2B1%20415%20555%207001");
        assertThat(ok.body()).isEqualTo("{\"callId\":\"call-7\"}");
        assertThat(rung).containsExactly("bob <- +1 415 555 7001");
        HttpResponse<String> refused = post(base + "/sim/ring?agent=bob&from=nobody");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).isEqualTo("{\"error\":\"not a phone number: nobody\"}");
        assertThat(get(base + "/sim/ring?agent=bob&from=1").statusCode()).isEqualTo(405);
        assertThat(rung).hasSize(1);
    }

    @Test
    void a_home_page_of_ones_own_replaces_the_index() throws Exception {
        String plain = base(HostSimulatorServer.builder().softphoneOrigin("http://127.0.0.1:8080"));
        assertThat(get(plain + "/").body()).contains("callbridge CRM host simulators");
        String own = base(HostSimulatorServer.builder().softphoneOrigin("http://127.0.0.1:8080")
                .homePage("io/callbridge/crmsim/web/hubspot/index.html"));
        assertThat(get(own + "/").body()).contains("HubSpot host simulator");
    }

    @Test
    void softphone_urls_must_be_absolute_http_urls_without_a_fragment() {
        HostSimulatorServer.Builder builder = HostSimulatorServer.builder();
        assertThatThrownBy(() -> builder.hubspotSoftphone("/static/hubspot/softphone.html"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hubspotSoftphone");
        assertThatThrownBy(() -> builder.salesforceSoftphone("https://phone.acme.example/p.html#token=x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salesforceSoftphone");
        assertThatThrownBy(() -> builder.hubspotSoftphone("ftp://phone.acme.example/p.html"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("softphoneOrigin");
        assertThatThrownBy(() -> builder.port(70000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void origins_are_named_as_browsers_name_them() {
        assertThat(HostSimulatorServer.origin(URI.create("https://Phone.Acme.example:443/x"))).isEqualTo(
                "https://phone.acme.example");
        assertThat(HostSimulatorServer.origin(URI.create("http://127.0.0.1:8080/x?y"))).isEqualTo(
                "http://127.0.0.1:8080");
    }

    @Test
    void a_mounted_handler_serves_its_prefix_with_paths_relative_to_it_beside_the_pages() throws Exception {
        Handler echo = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap(("path=" + Request.getPathInContext(request))
                        .getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        };
        String base = base(HostSimulatorServer.builder().softphoneOrigin("https://phone.acme.example")
                .mount("/hubspot-api", echo));

        assertThat(get(base + "/hubspot-api/crm/objects/2026-03/calls/7").body())
                .isEqualTo("path=/crm/objects/2026-03/calls/7");
        assertThat(get(base + "/hubspot/").body()).contains("HubSpot host simulator");
        assertThat(get(base + "/sim/config.js").statusCode()).isEqualTo(200);
    }

    @Test
    void a_mount_may_not_take_a_path_of_the_pages_or_overlap_another() {
        Handler none = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return false;
            }
        };
        HostSimulatorServer.Builder builder = HostSimulatorServer.builder().softphoneOrigin("https://phone.example");
        assertThatThrownBy(() -> builder.mount("/hubspot/api", none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host pages use");
        assertThatThrownBy(() -> builder.mount("api/", none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pathPrefix");
        builder.mount("/api", none);
        assertThatThrownBy(() -> builder.mount("/api/v2", none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps /api");
    }
}
