package io.callbridge.rest.hubspot.auth;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.inject.CoreModule;
import io.callbridge.core.spi.TelephonyProvider;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.transport.websocket.AgentTokens;
import io.callbridge.transport.websocket.TokenKey;
import io.callbridge.transport.websocket.TransportSettings;
import io.callbridge.transport.websocket.inject.CallbridgeLauncher;
import io.callbridge.transport.websocket.inject.WebSocketTransportModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real bridge server (core, the transport) with the modules under test, on a free loopback port. */
public final class RunningCallbridge implements AutoCloseable {
    private static final byte[] SECRET = "hubspot-rest-test-secret-of-32-bytes".getBytes(StandardCharsets.US_ASCII);
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public final CallbridgeLauncher.Running running;

    public RunningCallbridge(int port, Module... modules) {
        List<Module> all = new ArrayList<>(List.of(new CoreModule(), new WebSocketTransportModule(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        OptionalBinder.newOptionalBinder(binder(), TransportSettings.class).setBinding()
                                .toInstance(TransportSettings.localEphemeral().withPort(port).withTokenKeys(
                                        TokenKey.of(AgentTokens.DEFAULT_KEY_ID, SECRET), null));
                        OptionalBinder.newOptionalBinder(binder(), TelephonyProvider.class).setBinding()
                                .to(FakePhoneSystem.class);
                        bind(FakePhoneSystem.class).in(Singleton.class);
                    }
                }));
        all.addAll(List.of(modules));
        running = CallbridgeLauncher.start(all.toArray(Module[]::new));
    }

    public FakePhoneSystem phone() {
        return running.instance(FakePhoneSystem.class);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + running.port() + path);
    }

    public static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        running.close();
    }
}
