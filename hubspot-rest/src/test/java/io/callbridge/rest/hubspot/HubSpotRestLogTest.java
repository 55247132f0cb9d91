package io.callbridge.rest.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.callbridge.core.bridge.ServerSideExecutor;
import io.callbridge.core.bridge.ServerSideExecutor.Outcome;
import io.callbridge.core.model.Call;
import io.callbridge.core.spi.CallRecording;
import io.callbridge.rest.hubspot.recording.HubSpotRecordingSettings;
import io.callbridge.rest.hubspot.recording.HubSpotRecordings;
import io.callbridge.testkit.FakePhoneSystem;
import io.callbridge.testkit.LogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the fallback logs when HubSpot's answers quote what was sent: HubSpot's error messages may repeat a phone number
 * (an invalid option's value) and, from a proxy or a misbehaving gateway, anything at all, a token among it. None of it
 * reaches INFO or WARN; no token reaches any level.
 */
class HubSpotRestLogTest {
    /** The callee's number, as HubSpot quotes a refused value back. */
    private static final String PHONE = "+14155550199";
    private static final String TOKEN_LIKE = "pat-na1-5b7e1d2c-0f4a-4c3e-9a61-2d8f7c6b5a40";
    private static final String ERROR_BODY = "{\"status\":\"error\",\"message\":\"Property values were not valid: "
            + "[{\\\"isValid\\\":false,\\\"message\\\":\\\"" + PHONE + " was not one of the allowed options\\\","
            + "\\\"error\\\":\\\"INVALID_OPTION\\\",\\\"name\\\":\\\"hs_call_to_number\\\"}] (authorized by "
            + TOKEN_LIKE + ")\",\"correlationId\":\"8cbe0d44-a18e-43d0-9b03-b1ed0a6bafe2\","
            + "\"category\":\"VALIDATION_ERROR\",\"errors\":[{\"message\":\"" + PHONE + " is not valid for "
            + TOKEN_LIKE + "\",\"code\":\"INVALID_OPTION\",\"context\":{\"propertyName\":[\"hs_call_to_number\"]}}]}";

    private final Rig rig = new Rig();
    /** HubSpot as a fake that answers each path with a status and a body set by the test. */
    private final HttpServer hubspot;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Set<String> bearerTokens = ConcurrentHashMap.newKeySet();

    private record Answer(int status, String body) { }

    HubSpotRestLogTest() throws IOException {
        hubspot = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hubspot.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                bearerTokens.add(auth.substring("Bearer ".length()));
            }
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            Answer answer = answers.entrySet().stream().filter(e -> path.endsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(new Answer(404, "{}"));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        hubspot.start();
        rig.settings = rig.settings.withBaseUri(URI.create("http://127.0.0.1:" + hubspot.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        hubspot.stop(0);
        rig.close();
    }

    @Test
    void hubSpotsAnswersQuotingAPhoneNumberAndATokenReachNoInfoOrWarnLineAndTheTokenNoLineAtAll() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        List<String> log = LogCapture.atDebug(List.of(HubSpotRestExecutor.class, HubSpotClient.class,
                AfterLogExecutor.class, HubSpotRecordings.class), () -> {
                    HubSpotRestExecutor executor = rig.executor();
                    // A refused update and a refused create.
                    answers.put("/calls/42", new Answer(400, ERROR_BODY));
                    answers.put("/calls", new Answer(400, ERROR_BODY));
                    outcomes.add(executor.execute(Rig.owed(call(42L)), call(42L)));
                    outcomes.add(executor.execute(Rig.owed(call(null)), call(null)));
                    // HubSpot failing, timing out, refusing the token twice.
                    for (int status : new int[] {500, 408, 401}) {
                        answers.put("/calls/42", new Answer(status, ERROR_BODY));
                        outcomes.add(executor.execute(Rig.owed(call(42L)), call(42L)));
                    }
                    // A 2xx that is not what the reference describes (a gateway's idea of an answer).
                    answers.put("/calls", new Answer(201, "{\"id\":\"" + PHONE + " " + TOKEN_LIKE
                            + "\",\"properties\":{}}"));
                    outcomes.add(executor.execute(Rig.owed(call(null)), call(null)));
                    // A logged call whose "recording ready" HubSpot refuses.
                    answers.put("/calls/42", new Answer(200, "{\"id\":\"42\",\"properties\":{}}"));
                    answers.put("/recordings/ready", new Answer(400, ERROR_BODY));
                    Call recorded = call(42L);
                    FakePhoneSystem phone = FakePhoneSystem.reportingTo(null).recordingAvailable(recorded.id(),
                            new CallRecording(URI.create("https://media.pbx.example/rec/1.wav"), "audio/wav",
                                    Duration.ofSeconds(90)));
                    HubSpotRecordings recordings = new HubSpotRecordings(HubSpotRecordingSettings.of(42L,
                            "app-client-secret", "https://calls.acme.example/hubspot/recordings/%s")
                            .withApiBaseUrl(rig.settings.baseUri()), phone, rig.tokens(), rig.clock);
                    ServerSideExecutor withRecordings = new AfterLogExecutor(executor,
                            (portal, engagement, id) -> recordings.markReadyIfRecorded(portal, engagement, id));
                    outcomes.add(withRecordings.execute(Rig.owed(recorded), recorded));
                });

        assertThat(outcomes).hasSize(7);
        assertThat(outcomes.get(0)).isInstanceOf(Outcome.GaveUp.class);
        assertThat(outcomes.get(6)).isInstanceOf(Outcome.Done.class);
        assertThat(bearerTokens).isNotEmpty();
        // What is logged is still worth reading: the refusal's category, code and property, at DEBUG the requests.
        assertThat(log).anyMatch(l -> LogCapture.at(l, "WARN")
                && l.contains("VALIDATION_ERROR: INVALID_OPTION on hs_call_to_number"));
        assertThat(log).anyMatch(l -> LogCapture.at(l, "DEBUG") && l.contains("refused: HTTP 500"));
        assertThat(log).anyMatch(l -> LogCapture.at(l, "WARN") && l.contains("what follows the log failed"));
        for (String line : log) {
            assertThat(line).doesNotContain(TOKEN_LIKE);
            bearerTokens.forEach(token -> assertThat(line).doesNotContain(token));
            if (!LogCapture.at(line, "DEBUG") && !LogCapture.at(line, "TRACE")) {
                assertThat(line).doesNotContain(PHONE).doesNotContain("4155550199");
            }
        }
        // What the agent and core's service are told says the same without the values.
        for (Outcome outcome : outcomes) {
            String text = outcome instanceof Outcome.GaveUp g ? g.message()
                    : outcome instanceof Outcome.Retry r ? r.reason() : "";
            assertThat(text).doesNotContain(PHONE).doesNotContain(TOKEN_LIKE);
        }
    }

    private Call call(Long engagement) {
        return rig.wrappedUp(Rig.PORTAL, engagement, null, null);
    }
}
