package io.callbridge.rest.hubspot.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.model.CallId;
import io.callbridge.core.spi.CallRecording;
import io.callbridge.crmsim.rest.hubspot.HubSpotPortalTokens;
import io.callbridge.crmsim.rest.hubspot.HubSpotRecordingSimulator;
import io.callbridge.rest.hubspot.HubSpotAuthException;
import io.callbridge.rest.hubspot.auth.inject.HubSpotAuthModules;
import io.callbridge.rest.hubspot.recording.inject.HubSpotRecordingModules;
import io.callbridge.rest.hubspot.auth.RunningCallbridge;
import io.callbridge.rest.hubspot.auth.SimulatedHubSpot;
import io.callbridge.testkit.MutableClock;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HubSpot's recording look-ups and "recording ready", through real HTTP both ways. */
class HubSpotRecordingsIT {
    static final long APP = 42L;
    static final long PORTAL = 777L;
    static final String SECRET = "app-client-secret-9f3e";
    static final String TOKEN = "pat-na1-private-app-token-0001";
    static final CallId RECORDED = CallId.of("call-42");
    static final CallRecording RECORDING = new CallRecording(
            URI.create("https://media.pbx.example/rec/call-42.wav?sig=abc"), "audio/wav", Duration.ofSeconds(95));

    final MutableClock clock = MutableClock.atDefaultStart();
    final HubSpotPortalTokens portalTokens = new HubSpotPortalTokens(clock);
    final HubSpotRecordingSimulator hubspot = new HubSpotRecordingSimulator(portalTokens, clock);
    SimulatedHubSpot simulated;
    RunningCallbridge callbridge;
    String template;

    @BeforeEach
    void start() throws Exception {
        simulated = new SimulatedHubSpot(hubspot);
        portalTokens.acceptForever(TOKEN, PORTAL);
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        template = "http://127.0.0.1:" + port + "/hubspot/recordings/%s";
        HubSpotRecordingSettings settings = HubSpotRecordingSettings.of(APP, SECRET, template)
                .withApiBaseUrl(simulated.uri());
        callbridge = new RunningCallbridge(port, HubSpotAuthModules.privateApp(TOKEN, PORTAL),
                HubSpotRecordingModules.recordings(settings), new AbstractModule() {
                    @Override
                    protected void configure() {
                        OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
                    }
                });
        callbridge.phone().recordingAvailable(RECORDED, RECORDING);
    }

    @AfterEach
    void stop() throws Exception {
        callbridge.close();
        simulated.close();
    }

    HubSpotRecordings recordings() {
        return callbridge.running.instance(HubSpotRecordings.class);
    }

    @Test
    void aSignedLookUpGetsTheRecordingsLink() throws Exception {
        HubSpotRecordingSimulator.LookUp answer = hubspot.lookUp(template, "call-42", APP, "777", SECRET);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.authenticatedUrl()).isEqualTo(RECORDING.url().toString());
    }

    @Test
    void aCallIdWithColonsAndAtSignsIsSignedAsHubSpotDecodesIt() throws Exception {
        CallId odd = CallId.of("in:1@pbx+2");
        callbridge.phone().recordingAvailable(odd, RECORDING);
        assertThat(hubspot.lookUp(template, odd.value(), APP, "777", SECRET).status()).isEqualTo(200);
    }

    @Test
    void anUnknownOrUnrecordedCallIs404() throws Exception {
        HubSpotRecordingSimulator.LookUp answer = hubspot.lookUp(template, "call-none", APP, "777", SECRET);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("no recording");
        assertThat(hubspot.lookUp(template, "call-42", 43L, "777", SECRET).status()).isEqualTo(404);
    }

    @Test
    void aBadMissingOrOldSignatureIs401WithTheReason() throws Exception {
        HubSpotRecordingSimulator.LookUp wrongSecret = hubspot.lookUp(template, "call-42", APP, "777", "not-it");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.body()).contains("signature does not match");

        HubSpotRecordingSimulator.LookUp old = hubspot.lookUp(template, "call-42", APP, "777", SECRET,
                clock.millis() - Duration.ofMinutes(6).toMillis());
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.body()).contains("more than 5 minutes");

        var unsigned = RunningCallbridge.get(URI.create(template.replace("%s", "call-42") + "?appId=42"));
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("missing X-HubSpot-Signature-v3");
    }

    @Test
    void recordingReadyIsSentForARecordedCallAndSkippedOtherwise() throws Exception {
        assertThat(recordings().markReadyIfRecorded(PORTAL, 17591596434L, RECORDED)).isTrue();
        assertThat(hubspot.ready()).containsExactly(new HubSpotRecordingSimulator.Ready(PORTAL, 17591596434L));

        assertThat(recordings().markReadyIfRecorded(PORTAL, 17591596435L, CallId.of("call-unrecorded"))).isFalse();
        assertThat(hubspot.requests()).isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsMarkedAndTheFailureNamesThePortal() {
        portalTokens.revoke(TOKEN);
        assertThatThrownBy(() -> recordings().markReady(PORTAL, 5L)).isInstanceOf(HubSpotAuthException.class)
                .hasMessageContaining("portal 777").hasMessageNotContaining(TOKEN);
        assertThat(hubspot.requests()).isEqualTo(1);
        assertThat(callbridge.running.instance(io.callbridge.rest.hubspot.HubSpotAccessTokens.class).toString())
                .doesNotContain(TOKEN);
    }
}
