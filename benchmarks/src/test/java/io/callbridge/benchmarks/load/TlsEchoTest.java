package io.callbridge.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tls}: the keystore keytool makes, served by the echo over wss://, trusted by a client through its certificate. */
class TlsEchoTest {

    @Test
    void aFrameGoesThereAndBackOverWss(@TempDir Path dir) throws Exception {
        Path keystore = SelfSignedKeystore.create(dir, "bench-password");
        try (EchoServer echo = EchoServer.start(Duration.ofSeconds(30), keystore, "bench-password")) {
            ClientConnector connector = new ClientConnector();
            SslContextFactory.Client ssl = new SslContextFactory.Client();
            ssl.setTrustStore(SelfSignedKeystore.trustStore(keystore, "bench-password"));
            connector.setSslContextFactory(ssl);
            HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
            WebSocketClient ws = new WebSocketClient(http);
            ws.start();
            try {
                FirstText listener = new FirstText();
                CompletableFuture<String> back = listener.text;
                Session session = ws.connect(listener, URI.create("wss://127.0.0.1:" + echo.port() + EchoServer.PATH)).get(20, TimeUnit.SECONDS);
                session.sendText("{\"type\":\"echo\"}", Callback.NOOP);
                assertThat(back.get(20, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"echo\"}");
                session.close();
            } finally {
                ws.stop();
                http.stop();
            }
        }
    }

    /** Public: Jetty calls a listener's methods reflectively. */
    public static final class FirstText implements Session.Listener.AutoDemanding {
        final CompletableFuture<String> text = new CompletableFuture<>();

        @Override
        public void onWebSocketText(String message) {
            text.complete(message);
        }
    }
}
