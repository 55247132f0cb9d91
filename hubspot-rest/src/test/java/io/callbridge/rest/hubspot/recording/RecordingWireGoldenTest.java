package io.callbridge.rest.hubspot.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbridge.rest.hubspot.auth.Golden;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The recording bodies and the settings, against their golden fixtures. */
class RecordingWireGoldenTest {

    @Test
    void theLookUpAnswerIsTheFixture() {
        RecordingLookupResponse answer = new RecordingLookupResponse(
                URI.create("https://media.pbx.example/rec/call-42.wav?sig=abc"));
        assertThat(Golden.parse(answer.toJson())).isEqualTo(Golden.tree("recording/lookup-response.json"));
        assertThat(RecordingLookupResponse.parse(Golden.text("recording/lookup-response.json"))).isEqualTo(answer);
        assertThat(answer.toString()).doesNotContain("sig=abc");
        assertThatThrownBy(() -> RecordingLookupResponse.parse("{}")).hasMessageContaining("authenticatedUrl");
    }

    @Test
    void theReadyBodyIsTheFixture() {
        assertThat(Golden.parse(new RecordingReadyRequest(17591596434L).toJson()))
                .isEqualTo(Golden.tree("recording/ready-request.json"));
        assertThat(RecordingReadyRequest.parse(Golden.text("recording/ready-request.json")).engagementId())
                .isEqualTo(17591596434L);
        assertThatThrownBy(() -> new RecordingReadyRequest(0)).hasMessageContaining("engagementId");
        assertThatThrownBy(() -> RecordingReadyRequest.parse("{\"engagementId\":\"x\"}"))
                .hasMessageContaining("engagementId");
    }

    @Test
    void hubSpotsErrorBodyIsSummarisedWithItsCodesAndFieldsButNotItsMessage() {
        assertThat(HubSpotErrorBody.parse(Golden.text("recording/api-error.json")).summary())
                .isEqualTo("VALIDATION_ERROR: INVALID_INPUT (fields engagementId) "
                        + "[correlationId b1d2c3e4-0000-4000-8000-000000000001]");
        assertThat(HubSpotErrorBody.parse("oops").summary()).isEqualTo("(no category)");
    }

    @Test
    void theSettingsCheckTheTemplateAndNameTheField() {
        HubSpotRecordingSettings s = HubSpotRecordingSettings.of(42, "secret-x",
                "https://calls.acme.example/hubspot/recordings/%s");
        assertThat(s.routePrefix()).isEqualTo("/hubspot/recordings");
        assertThat(s.toString()).doesNotContain("secret-x");
        assertThatThrownBy(() -> HubSpotRecordingSettings.of(42, "s", "https://calls.acme.example/r"))
                .hasMessageContaining("urlTemplate must contain %s");
        assertThatThrownBy(() -> HubSpotRecordingSettings.of(42, "s", "https://calls.acme.example/r/%s?x=1"))
                .hasMessageContaining("urlTemplate must end with /%s");
        assertThatThrownBy(() -> HubSpotRecordingSettings.of(42, "s", "http://calls.acme.example/r/%s"))
                .hasMessageContaining("urlTemplate must use https");
        assertThatThrownBy(() -> HubSpotRecordingSettings.of(42, "s", "https://calls.acme.example/%s"))
                .hasMessageContaining("path before /%s");
        assertThatThrownBy(() -> HubSpotRecordingSettings.of(0, "s", "https://calls.acme.example/r/%s"))
                .hasMessageContaining("appId");
        assertThatThrownBy(() -> HubSpotRecordingSettings.of(42, "", "https://calls.acme.example/r/%s"))
                .hasMessageContaining("clientSecret");
    }
}
